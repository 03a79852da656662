// Starts the servers under test, one at a time, and reads their CPU time and resident memory from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './http.mjs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const UNLIMITED = '1000000';

/** The two servers, in the order they run: how each is started. */
export const SERVERS = {
  reference: {
    title: 'reference (Node, in memory)',
    command: (root) => ['node', [join(root, 'bench/e2e/reference/server.mjs')]],
    env: () => ({}),
  },
  ours: {
    title: 'this server (SQLite, durable)',
    // As the README starts it; BENCH_JAVA_OPTIONS adds JVM options (to compare collectors or heap sizes).
    command: (root) => ['java', [`@${join(root, 'messaging-app/jvm.options')}`,
      ...(process.env.BENCH_JAVA_OPTIONS || '').split(' ').filter(Boolean),
      '-jar', join(root, 'messaging-app/target/messaging-server.jar')]],
    env: (dataDir) => ({
      DATA_DIR: dataDir,
      RATE_LIMIT_REGISTER_PER_ADDRESS: UNLIMITED,
      RATE_LIMIT_LOGIN_PER_ADDRESS: UNLIMITED,
      RATE_LIMIT_LOGIN_PER_ACCOUNT: UNLIMITED,
      SOCKET_EVENT_RATE: UNLIMITED,
      SOCKET_EVENT_BURST: UNLIMITED,
    }),
  },
};

/** Spawns a server in a fresh temporary directory and answers once /api/health answers 200. */
export async function startServer(kind, root, port) {
  const dir = mkdtempSync(join(tmpdir(), `e2e-${kind}-`));
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const [command, args] = SERVERS[kind].command(root);
  const missing = args.find((arg) => arg.startsWith(root) && !existsSync(arg));
  if (missing) throw new Error(`${missing} is missing (build it with ./mvnw -B -q package -DskipTests)`);
  const env = { ...process.env, PORT: String(port), JWT_SECRET: 'e2e-benchmark-secret-of-at-least-32-bytes',
    ...SERVERS[kind].env(join(dir, 'data')) };
  const spawnedAt = performance.now();
  // From the repository root, as the README starts it: jvm.options names the class archive relative to it.
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', log, log] });
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve(exited = signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  while ((await call(`${url}/api/health`, 'GET').catch(() => ({}))).status !== 200) {
    if (exited !== null) throw new Error(`${kind} server exited (${exited}) before it was healthy; see ${logFile}`);
    if (performance.now() - spawnedAt > 60_000) throw new Error(`${kind} server not healthy in 60 s; see ${logFile}`);
    await sleep(5);
  }
  const coldStartMs = performance.now() - spawnedAt;
  const stat = () => readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  return {
    kind, url, pid: child.pid, coldStartMs, logFile,
    /** The process's user + system CPU time so far, in microseconds. */
    cpuMicros() {
      const line = stat();
      const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 1e6 / TICKS_PER_SECOND;
    },
    /** The process's read and write system calls so far, sockets and files alike (`syscr` + `syscw` of /proc/<pid>/io). */
    ioCalls() {
      const io = readFileSync(`/proc/${child.pid}/io`, 'utf8');
      return Number(/syscr:\s+(\d+)/.exec(io)[1]) + Number(/syscw:\s+(\d+)/.exec(io)[1]);
    },
    /** The process's resident memory, in bytes. */
    rssBytes() {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) * 1024;
    },
    /** Fails if the server has died. */
    checkAlive() {
      if (exited !== null) throw new Error(`${kind} server exited (${exited}) during the run; see ${logFile}`);
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exit;
        clearTimeout(killer);
      }
      rmSync(join(dir, 'data'), { recursive: true, force: true });
    },
  };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
