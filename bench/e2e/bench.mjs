// The end-to-end benchmark: the same workloads against the reference server and this server, side by side phase by
// phase, through the official Socket.IO client, in one or more rounds; prints one markdown table with the ratio of
// each figure.
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
      rounds: { type: 'string', default: '1' },
      'connect-sockets': { type: 'string' },
    },
  });
  const quick = values.quick;
  const options = {
    only: values.only.split(','),
    servers: values.server.split(','),
    workers: Number(values.workers),
    rounds: Number(values.rounds),
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
  if (!(options.rounds >= 1)) throw new Error(`--rounds: ${values.rounds} is not a count of rounds`);
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

/**
 * Runs every selected workload on every selected server, phase by phase, the servers one after the other within a
 * phase (so both servers' rounds of a workload are minutes apart at most) and in turn first and last from round to
 * round (ABBA), which cancels a steady drift of the machine's speed; answers each server's figures per round.
 */
async function run(options, pool) {
  const kinds = Object.keys(SERVERS).filter((name) => options.servers.includes(name));
  const rounds = [];
  for (let round = 0; round < options.rounds; round++) {
    const figures = Object.fromEntries(kinds.map((kind) => [kind, new Map()]));
    const order = round % 2 === 0 ? kinds : [...kinds].reverse();
    for (const phase of PHASES) {
      const workloads = phase.filter((name) => options.only.includes(name));
      if (workloads.length === 0) continue;
      for (const kind of order) {
        if (options.rounds > 1) log(`round ${round + 1} of ${options.rounds}`);
        await runPhase(kind, workloads, figures[kind], options, pool);
      }
    }
    rounds.push(figures);
  }
  return rounds;
}

/** Starts a fresh server, runs the phase's workloads on it, and adds their figures (and its cold start) to `into`. */
async function runPhase(kind, workloads, into, options, pool) {
  if ((await call(`http://127.0.0.1:${options.port}/api/health`, 'GET').catch(() => ({}))).status) {
    throw new Error(`port ${options.port} is in use; choose another with --port`);
  }
  const server = await startServer(kind, ROOT, options.port);
  log(`${kind}: healthy ${Math.round(server.coldStartMs)} ms after spawn, pid ${server.pid}, `
    + `log ${server.logFile}`);
  const coldStart = 'cold start to a healthy /api/health';
  if (!into.has(coldStart)) into.set(coldStart, { value: server.coldStartMs, unit: 'ms', better: 'lower' });
  try {
    const users = await registerUsers(server.url, options.users);
    log(`${kind}: ${users.length} users registered and logged in`);
    for (const name of workloads) {
      const answers = await WORKLOADS[name]({ server, pool, users, options });
      answers.forEach((figure) => into.set(figure.name, figure));
      server.checkAlive();
    }
  } finally {
    await server.stop();
  }
}

/**
 * One row per figure: each server's median over the rounds (with the lowest and highest when there are several),
 * and the median of the rounds' own ratios, each taken between two runs of the same workload side by side.
 */
function table(rounds) {
  const kinds = Object.keys(rounds[0]);
  const names = [...new Set(rounds.flatMap((round) => kinds.flatMap((kind) => [...round[kind].keys()])))];
  const titles = kinds.map((kind) => SERVERS[kind].title);
  if (kinds.length === 2) titles.push('ratio (this / reference)');
  const lines = [`| figure | ${titles.join(' | ')} |`, `| --- |${' --- |'.repeat(titles.length)}`];
  for (const name of names) {
    const cells = kinds.map((kind) => summary(rounds.map((round) => round[kind].get(name)).filter(Boolean)));
    if (kinds.length === 2) {
      const pairs = rounds.map((round) => [round[kinds[1]].get(name), round[kinds[0]].get(name)])
        .filter(([ours, reference]) => ours && reference);
      cells.push(pairs.length ? ratio(pairs) : '');
    }
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A figure's median over the rounds, and its range when there was more than one round. */
function summary(figures) {
  if (figures.length === 0) return '';
  const values = figures.map((figure) => figure.value);
  const middle = format({ ...figures[0], value: median(values) });
  if (figures.length === 1) return middle;
  return `${middle} (${format({ ...figures[0], value: Math.min(...values) })} - `
    + `${format({ ...figures[0], value: Math.max(...values) })})`;
}

function format({ value, unit }) {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  const number = value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit.startsWith('/') ? `${number}${unit}` : `${number} ${unit}`;
}

/** The median of the rounds' ratios this / reference, marked better or worse where the figure has a direction. */
function ratio(pairs) {
  const value = median(pairs.map(([ours, reference]) => ours.value / reference.value));
  const { better: direction } = pairs[0][0];
  if (!direction) return value.toFixed(2);
  const better = direction === 'higher' ? value >= 1 : value <= 1;
  return `${value.toFixed(2)} (${better ? 'better' : 'worse'})`;
}

const options = parseOptions();
const pool = new WorkerPool(options.workers);
try {
  const rounds = await run(options, pool);
  console.log(`\nEnd-to-end benchmark, ${new Date().toISOString()}, ${pool.size} load workers, `
    + `${options.rounds} round${options.rounds > 1 ? 's' : ''}\n`);
  console.log(table(rounds));
} catch (error) {
  console.error(`\nBENCHMARK FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  pool.close();
}
