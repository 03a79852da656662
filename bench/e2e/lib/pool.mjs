// The load-generating worker processes, and calls to them that answer through promises.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../worker.mjs', import.meta.url));

export class WorkerPool {
  #pending = new Map();
  #nextId = 0;

  constructor(size) {
    this.workers = Array.from({ length: size }, (_, index) => {
      const worker = fork(WORKER, [], { execArgv: ['--max-old-space-size=4096'] });
      worker.on('message', ({ id, result, error }) => {
        const { resolve, reject } = this.#pending.get(id);
        this.#pending.delete(id);
        if (error) reject(new Error(`worker ${index}: ${error}`));
        else resolve(result);
      });
      worker.on('exit', (code) => {
        if (!this.closing) this.#failAll(new Error(`worker ${index} exited (${code})`));
      });
      return worker;
    });
  }

  get size() {
    return this.workers.length;
  }

  call(index, command, args) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.workers[index].send({ id, command, args });
    });
  }

  /** Calls every worker, with its own arguments when `argsOf(index)` is given; answers the results in order. */
  all(command, argsOf = () => ({})) {
    return Promise.all(this.workers.map((_, index) => this.call(index, command, argsOf(index))));
  }

  close() {
    this.closing = true;
    this.workers.forEach((worker) => worker.kill());
  }

  #failAll(error) {
    this.#pending.forEach(({ reject }) => reject(error));
    this.#pending.clear();
  }
}

/** Splits items over `parts` lists, round robin. */
export function spread(items, parts) {
  return Array.from({ length: parts }, (_, part) => items.filter((_, i) => i % parts === part));
}
