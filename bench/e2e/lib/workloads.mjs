// The workloads: each runs against a started server with registered users and answers its figures.
import { readFileSync } from 'node:fs';
import hdr from 'hdr-histogram-js';
import { expect, sourceAddress } from './http.mjs';
import { spread } from './pool.mjs';
import { sleep } from './servers.mjs';
import { HISTOGRAM } from './traffic.mjs';

const MB = 1024 * 1024;

/** Workloads run on one server start share its users; idle sockets come first, on a server that has seen no load. */
export const PHASES = [['idle', 'connect'], ['direct', 'group']];

export const WORKLOADS = { idle, connect, direct, group };

export function log(message) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Idle authenticated sockets: resident memory per socket over the server's before any socket, after a pause. */
async function idle({ server, pool, users, options }) {
  await sleep(options.settleSeconds * 1000);
  const before = server.rssBytes();
  const figures = [];
  let open = 0;
  for (const count of options.idleSockets) {
    await openSockets(server, pool, users, options, open, count);
    open = count;
    await sleep(options.settleSeconds * 1000);
    await checkConnected(pool, server);
    log(`${server.kind} idle: ${count} sockets open, server pid ${server.pid}`);
    figures.push(figure(`memory per idle authenticated socket (${count.toLocaleString('en')})`,
      (server.rssBytes() - before) / count / 1024, 'KB', 'lower'));
  }
  await pool.all('closeAll');
  return figures;
}

/** Connect + authenticate: sockets per second until every one has its `connect`, a bounded number at a time. */
async function connect({ server, pool, users, options }) {
  await sleep(options.settleSeconds * 1000);
  log(`${server.kind} connect: ${options.connectSockets} sockets, server pid ${server.pid}`);
  const before = await cpuSample(server, pool);
  await openSockets(server, pool, users, options, 0, options.connectSockets);
  const { seconds, cpuMicros } = await cpuSince(before, server, pool);
  await pool.all('closeAll');
  return [
    figure('connect + authenticate', options.connectSockets / seconds, 'sockets/s', 'higher'),
    figure('server cores used during connect', cpuMicros / seconds / 1e6, 'cores'),
  ];
}

/** Direct messages: users in pairs, each with several sends in flight to its partner. */
async function direct(context) {
  const { users, pool } = context;
  const pairs = Array.from({ length: users.length / 2 }, (_, p) => [2 * p, 2 * p + 1]);
  const shares = share(users, pairs, pool.size);
  const window = await measureTraffic(context, 'direct', 'setupDirect',
    (w) => ({ users: shares[w].users, pairs: shares[w].groups }), context.options.directInFlight);
  return [
    figure('direct messages/s (acked)', window.ackedPerSecond, '/s', 'higher'),
    figure('direct deliveries/s (new_message)', window.deliveredPerSecond, '/s', 'higher'),
    ...latencyFigures('direct', window.latencies),
    figure('server CPU per direct message', window.cpuMicrosPerSecond / window.ackedPerSecond, 'µs', 'lower'),
    ...windowFigures('direct', 'direct message', window),
  ];
}

/** Group fan-out: groups of members, each with one send in flight to its group. */
async function group(context) {
  const { server, users, pool, options } = context;
  const groups = Array.from({ length: Math.floor(users.length / options.groupSize) },
    (_, g) => Array.from({ length: options.groupSize }, (_, m) => g * options.groupSize + m));
  const conversationIds = await Promise.all(groups.map(async ([creator, ...others], g) => (await expect(201,
    `${server.url}/api/conversations`, 'POST',
    { title: `bench group ${g}`, participantIds: others.map((i) => users[i].id) },
    { token: users[creator].token, localAddress: sourceAddress(creator) })).id));
  const shares = share(users, groups, pool.size, conversationIds);
  const window = await measureTraffic(context, 'group', 'setupGroups', (w) => ({
    users: shares[w].users,
    groups: shares[w].groups.map((memberIndexes, i) => ({ memberIndexes, conversationId: shares[w].ids[i] })),
  }), options.groupInFlight);
  return [
    figure('group sends/s (acked)', window.ackedPerSecond, '/s', 'higher'),
    figure('group deliveries/s (new_message)', window.deliveredPerSecond, '/s', 'higher'),
    ...latencyFigures('group', window.latencies),
    figure('server CPU per group send', window.cpuMicrosPerSecond / window.ackedPerSecond, 'µs', 'lower'),
    figure('server CPU per group delivery', window.cpuMicrosPerSecond / window.deliveredPerSecond, 'µs', 'lower'),
    ...windowFigures('group', 'group send', window),
  ];
}

/**
 * Sets the workers up, runs the load through warm-up and the measured window, then checks every delivery. Answers
 * per second of the window: acks, deliveries and the server's CPU microseconds; each worker's counts are over its
 * own window, which a starved worker may end later than the others.
 */
async function measureTraffic({ server, pool, options }, name, setup, argsOf, inFlight) {
  await pool.all(setup, (w) => ({ url: server.url, prefix: `${name}-${w}`, ...argsOf(w) }));
  await pool.all('start', () => ({ inFlight }));
  log(`${server.kind} ${name}: warm-up ${options.warmupSeconds} s, server pid ${server.pid}`);
  await sleep(options.warmupSeconds * 1000);
  log(`${server.kind} ${name}: measuring ${options.measureSeconds} s, server pid ${server.pid}, `
    + `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  const loopBefore = fixedLoopMillis();
  const before = await cpuSample(server, pool);
  await pool.all('beginWindow');
  await sleep(options.measureSeconds * 1000);
  const windows = await pool.all('endWindow');
  const { seconds, cpuMicros, ioCalls } = await cpuSince(before, server, pool);
  const fixedLoop = (loopBefore + fixedLoopMillis()) / 2;
  const rssBytes = server.rssBytes();
  const results = await pool.all('stop');
  await pool.all('closeAll');
  server.checkAlive();
  const problems = results.flatMap((result) => result.problems);
  if (problems.length > 0) {
    throw new Error(`${server.kind} ${name} failed its delivery check:\n  ${problems.join('\n  ')}`);
  }
  const sum = (list, field) => list.reduce((total, item) => total + item[field], 0);
  log(`${server.kind} ${name}: ${sum(results, 'acked')} sends acked, all ${sum(results, 'expectedDeliveries')} `
    + 'expected new_message and as many message_notification deliveries received exactly once');
  const latencies = hdr.build(HISTOGRAM);
  windows.forEach((window) => latencies.add(hdr.decodeFromCompressedBase64(window.latencies)));
  const perSecond = (field) => windows.reduce((total, window) => total + window[field] / window.seconds, 0);
  return {
    ackedPerSecond: perSecond('acked'), deliveredPerSecond: perSecond('delivered'),
    cpuMicrosPerSecond: cpuMicros / seconds, ioCallsPerSecond: ioCalls / seconds, rssBytes, latencies, fixedLoop,
  };
}

/**
 * The CPU time this process takes for one fixed loop, in milliseconds: how fast the machine's cores ran around a
 * window. On a shared virtual machine it drifts by a quarter within minutes, and the two servers are measured
 * minutes apart, so a ratio of these away from 1.00 skews every ratio of that round by as much.
 */
function fixedLoopMillis() {
  const start = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < 5_000_000; i++) sum = (sum + i * i) % 1_000_003;
  const used = process.cpuUsage(start);
  if (sum < 0) throw new Error('unreachable');
  return (used.user + used.system) / 1000;
}

async function cpuSample(server, pool) {
  return {
    at: performance.now(), server: server.cpuMicros(), ioCalls: server.ioCalls(), workers: await pool.all('cpuMicros'),
  };
}

/** Answers the seconds and the server's CPU time since the sample, and logs the cores each process used. */
async function cpuSince(before, server, pool) {
  const now = await cpuSample(server, pool);
  const seconds = (now.at - before.at) / 1000;
  const cores = (micros) => (micros / 1e6 / seconds).toFixed(2);
  log(`${server.kind}: over ${seconds.toFixed(1)} s the server used ${cores(now.server - before.server)} cores, `
    + `the load workers ${now.workers.map((micros, w) => cores(micros - before.workers[w])).join(' + ')}`);
  return { seconds, cpuMicros: now.server - before.server, ioCalls: now.ioCalls - before.ioCalls };
}

/** Gives each worker whole groups of users: answers per worker {users, groups (local indexes), ids}. */
function share(users, groups, workers, ids = []) {
  return spread(groups.map((group, g) => ({ group, id: ids[g] })), workers).map((mine) => {
    const local = mine.flatMap(({ group }) => group);
    let next = 0;
    return {
      users: local.map((i) => ({ ...users[i], address: sourceAddress(i) })),
      groups: mine.map(({ group }) => group.map(() => next++)),
      ids: mine.map(({ id }) => id),
    };
  });
}

/** Opens sockets number `from` to `to` (exclusive) over the workers, reusing the users' tokens in turn. */
async function openSockets(server, pool, users, options, from, to) {
  const clients = Array.from({ length: to - from },
    (_, k) => ({ token: users[(from + k) % users.length].token, address: sourceAddress(from + k) }));
  const shares = spread(clients, pool.size);
  const concurrency = Math.max(1, Math.floor(options.connectConcurrency / pool.size));
  await pool.all('connect', (w) => ({ url: server.url, clients: shares[w], concurrency }));
}

async function checkConnected(pool, server) {
  const lost = (await pool.all('disconnects')).filter((answer) => answer.count > 0);
  if (lost.length > 0) throw new Error(`${server.kind}: idle sockets disconnected: ${JSON.stringify(lost)}`);
}

/** The server's cores, system calls per send and memory over a round's window, and the machine's speed around it. */
function windowFigures(name, send, window) {
  return [
    figure(`server cores used during ${name}`, window.cpuMicrosPerSecond / 1e6, 'cores'),
    figure(`server read + write system calls per ${send}`, window.ioCallsPerSecond / window.ackedPerSecond, 'calls'),
    figure(`server RSS after ${name}`, window.rssBytes / MB, 'MB', 'lower'),
    figure(`machine: CPU time of a fixed loop around the ${name} window`, window.fixedLoop, 'ms'),
  ];
}

function latencyFigures(name, histogram) {
  return [50, 95, 99].map((p) => figure(`${name} p${p} send → receive`,
    histogram.getValueAtPercentile(p) / 1000, 'ms', 'lower'));
}

/** A figure; `better` is 'higher' or 'lower', or absent where its ratio is no verdict. */
function figure(name, value, unit, better) {
  return { name, value, unit, better };
}
