// The end-to-end benchmark: the same workloads against the reference server and this server, one after the
// other, through the official Socket.IO client; prints one markdown table with the ratio of each figure.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { call, registerUsers } from './lib/http.mjs';
import { WorkerPool } from './lib/pool.mjs';
import { SERVERS, startServer } from './lib/servers.mjs';
import { PHASES, WORKLOADS, log } from './lib/workloads.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FD_MARGIN = 1000;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: Object.keys(WORKLOADS).join(',') },
      server: { type: 'string', default: Object.keys(SERVERS).join(',') },
      'warmup-seconds': { type: 'string' },
      'measure-seconds': { type: 'string' },
      workers: { type: 'string', default: '2' },
      port: { type: 'string', default: '29100' },
      'connect-sockets': { type: 'string' },
    },
  });
  const quick = values.quick;
  const options = {
    only: values.only.split(','),
    servers: values.server.split(','),
    workers: Number(values.workers),
    port: Number(values.port),
    warmupSeconds: Number(values['warmup-seconds'] ?? (quick ? 5 : 20)),
    measureSeconds: Number(values['measure-seconds'] ?? (quick ? 5 : 15)),
    users: quick ? 100 : 200,
    groupSize: 50,
    directInFlight: 4,
    groupInFlight: 1,
    idleSockets: quick ? [1000, 4000] : [5000, 20000],
    connectSockets: Number(values['connect-sockets'] ?? (quick ? 500 : 2000)),
    connectConcurrency: 50,
    settleSeconds: quick ? 2 : 5,
  };
  for (const name of options.only) if (!WORKLOADS[name]) throw new Error(`--only: unknown workload ${name}`);
  for (const name of options.servers) if (!SERVERS[name]) throw new Error(`--server: unknown server ${name}`);
  options.idleSockets = options.idleSockets.map((count) => clampToFileLimit(count));
  options.connectSockets = clampToFileLimit(options.connectSockets);
  return options;
}

/** The server needs a descriptor per socket; where `ulimit -n` is lower than asked, open as many as it allows. */
function clampToFileLimit(count) {
  const limit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }));
  if (count + FD_MARGIN <= limit) return count;
  log(`ulimit -n is ${limit}: ${limit - FD_MARGIN} idle sockets instead of ${count}`);
  return limit - FD_MARGIN;
}

/** Runs every selected workload on every selected server; answers figures per server, by name. */
async function run(options, pool) {
  const figures = {};
  for (const kind of Object.keys(SERVERS).filter((name) => options.servers.includes(name))) {
    figures[kind] = new Map();
    for (const phase of PHASES) {
      const workloads = phase.filter((name) => options.only.includes(name));
      if (workloads.length === 0) continue;
      if ((await call(`http://127.0.0.1:${options.port}/api/health`, 'GET').catch(() => ({}))).status) {
        throw new Error(`port ${options.port} is in use; choose another with --port`);
      }
      const server = await startServer(kind, ROOT, options.port);
      log(`${kind}: healthy ${Math.round(server.coldStartMs)} ms after spawn, pid ${server.pid}, `
        + `log ${server.logFile}`);
      const coldStart = 'cold start to a healthy /api/health';
      if (!figures[kind].has(coldStart)) {
        figures[kind].set(coldStart, { value: server.coldStartMs, unit: 'ms', better: 'lower' });
      }
      try {
        const users = await registerUsers(server.url, options.users);
        log(`${kind}: ${users.length} users registered and logged in`);
        for (const name of workloads) {
          const answers = await WORKLOADS[name]({ server, pool, users, options });
          answers.forEach((figure) => figures[kind].set(figure.name, figure));
          server.checkAlive();
        }
      } finally {
        await server.stop();
      }
    }
  }
  return figures;
}

function table(figures) {
  const kinds = Object.keys(figures);
  const names = [...new Set(kinds.flatMap((kind) => [...figures[kind].keys()]))];
  const titles = kinds.map((kind) => SERVERS[kind].title);
  if (kinds.length === 2) titles.push('ratio (this / reference)');
  const lines = [`| figure | ${titles.join(' | ')} |`, `| --- |${' --- |'.repeat(titles.length)}`];
  for (const name of names) {
    const values = kinds.map((kind) => figures[kind].get(name));
    const cells = values.map((figure) => (figure ? format(figure) : ''));
    if (kinds.length === 2) cells.push(values[0] && values[1] ? ratio(values[1], values[0]) : '');
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function format({ value, unit }) {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  const number = value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit.startsWith('/') ? `${number}${unit}` : `${number} ${unit}`;
}

function ratio(ours, reference) {
  const value = ours.value / reference.value;
  if (!ours.better) return value.toFixed(2);
  const better = ours.better === 'higher' ? value >= 1 : value <= 1;
  return `${value.toFixed(2)} (${better ? 'better' : 'worse'})`;
}

const options = parseOptions();
const pool = new WorkerPool(options.workers);
try {
  const figures = await run(options, pool);
  console.log(`\nEnd-to-end benchmark, ${new Date().toISOString()}, ${pool.size} load workers\n`);
  console.log(table(figures));
} catch (error) {
  console.error(`\nBENCHMARK FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  pool.close();
}
