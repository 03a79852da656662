// Two nodes against one (issue "Scale-out"): the same fixed offered load of direct messages, first through one
// node, then with every sender on node A and every receiver on node B, sharing MongoDB and Redis; the p50/p99 of
// send -> new_message of each, and the ratio. Run it with nodes.sh, which builds what it needs; see bench/README.md.
// Flags: --rate N (messages/s offered, default 200), --pairs N (default 50), --warmup-seconds N (10),
// --measure-seconds N (15).
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import hdr from 'hdr-histogram-js';
import { expect, registerUsers } from './lib/http.mjs';
import { sleep } from './lib/servers.mjs';
import { HISTOGRAM, nowMicros } from './lib/traffic.mjs';

const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const RATE = flag('rate', 200);
const PAIRS = flag('pairs', 50);
const WARMUP_S = flag('warmup-seconds', 10);
const MEASURE_S = flag('measure-seconds', 15);
const ROOT = process.env.MESSAGING_ROOT;
const WIRE_CLASSPATH = process.env.MONGO_WIRE_CLASSPATH;
const dir = mkdtempSync(join(tmpdir(), 'e2e-nodes-'));
const children = [];

function launch(name, command, args, env = {}) {
  const log = openSync(join(dir, `${name}.log`), 'a');
  // From the repository root, as the README starts a server: jvm.options names the class archive relative to it.
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  children.push(child);
  return child;
}

async function healthy(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await expect(200, `${url}/api/health`, 'GET');
      return;
    } catch (notYet) {
      if (Date.now() > deadline) throw new Error(`${url} not healthy in 60 s; logs in ${dir}`);
      await sleep(50);
    }
  }
}

/** A VAPID key pair as the server reads it: the public point uncompressed, the private scalar, base64url. */
function vapidKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { VAPID_PUBLIC_KEY: point.toString('base64url'), VAPID_PRIVATE_KEY: privateKey.export({ format: 'jwk' }).d };
}

const UNLIMITED = '1000000';
function node(port, env) {
  launch(`node-${port}`, 'java', [`@${join(ROOT, 'messaging-app/jvm.options')}`, '-jar',
    join(ROOT, 'messaging-app/target/messaging-server.jar')], {
    PORT: String(port), JWT_SECRET: 'e2e-benchmark-secret-of-at-least-32-bytes', DATA_DIR: join(dir, `data-${port}`),
    RATE_LIMIT_REGISTER_PER_ADDRESS: UNLIMITED, RATE_LIMIT_LOGIN_PER_ADDRESS: UNLIMITED,
    RATE_LIMIT_LOGIN_PER_ACCOUNT: UNLIMITED, SOCKET_EVENT_RATE: UNLIMITED, SOCKET_EVENT_BURST: UNLIMITED, ...env,
  });
  return `http://127.0.0.1:${port}`;
}

function connect(url, user) {
  const socket = io(url, { auth: { token: user.token }, transports: ['websocket'], forceNew: true,
    reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Offers RATE direct messages a second from senders on one node to receivers on the other; answers latencies. */
async function measure(senderUrl, receiverUrl) {
  const users = await registerUsers(senderUrl, 2 * PAIRS);
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const [from, to] = [users[2 * i], users[2 * i + 1]];
    const first = await expect(201, `${senderUrl}/api/messages`, 'POST', { recipientId: to.id, content: 'hi' },
      { token: from.token });
    const sender = await connect(senderUrl, from);
    const receiver = await connect(receiverUrl, to);
    for (const socket of [sender, receiver]) {
      await socket.emitWithAck('join_conversation', { conversationId: first.conversationId });
    }
    pairs.push({ sender, receiver, conversationId: first.conversationId });
  }
  let window = null;
  let sent = 0;
  let received = 0;
  let failed = 0;
  for (const { receiver } of pairs) {
    receiver.on('new_message', (message) => {
      received++;
      if (window && message.content.startsWith('w')) window.recordValue(Math.max(1, nowMicros() - Number(message.content.slice(1))));
    });
  }
  const tickMs = 10;
  const perTick = RATE * tickMs / 1000;
  let owed = 0;
  let next = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const inWindow = Date.now() - started >= WARMUP_S * 1000;
    if (inWindow && !window) window = hdr.build(HISTOGRAM);
    for (owed += perTick; owed >= 1; owed--) {
      const { sender, conversationId } = pairs[next++ % pairs.length];
      sent++;
      sender.emitWithAck('send_message', { conversationId, content: (inWindow ? 'w' : 'u') + nowMicros() })
        .then((ack) => { if (!ack.ok) failed++; }, () => failed++);
    }
  }, tickMs);
  await sleep((WARMUP_S + MEASURE_S) * 1000);
  clearInterval(timer);
  const deadline = Date.now() + 30_000;
  while (received < sent && Date.now() < deadline) await sleep(50);
  pairs.forEach(({ sender, receiver }) => { sender.close(); receiver.close(); });
  if (failed > 0 || received !== sent) throw new Error(`sent ${sent}, acked failures ${failed}, received ${received}`);
  const figures = { count: window.totalCount, p50: window.getValueAtPercentile(50), p99: window.getValueAtPercentile(99) };
  window.destroy();
  return figures;
}

try {
  const redisPort = 29300;
  const mongoPort = 29301;
  launch('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  // the server's classes on its class path bring the server's logging (ServerLogging): without it, logback logs
  // every wire message at DEBUG
  launch('mongo', 'java', ['-Xmx256m', '-cp', WIRE_CLASSPATH, 'io.messaging.app.MongoWireServer', String(mongoPort)]);
  await sleep(2000);
  const one = node(29310, { MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/one` });
  await healthy(one);
  const single = await measure(one, one);
  children.at(-1).kill('SIGTERM');
  const shared = { MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/two`, REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    ...vapidKeys() };
  const a = node(29320, shared);
  const b = node(29321, shared);
  await healthy(a);
  await healthy(b);
  const cross = await measure(a, b);
  const ms = (micros) => (micros / 1000).toFixed(2);
  console.log(`\n${RATE} direct messages/s offered by ${PAIRS} pairs, ${MEASURE_S} s measured after ${WARMUP_S} s`);
  console.log('| setup | delivered in window | p50 ms | p99 ms |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| one node (MongoDB wire server) | ${single.count} | ${ms(single.p50)} | ${ms(single.p99)} |`);
  console.log(`| two nodes, sender on A, receiver on B (Redis) | ${cross.count} | ${ms(cross.p50)} | ${ms(cross.p99)} |`);
  console.log(`| ratio two / one | | ${(cross.p50 / single.p50).toFixed(2)} | ${(cross.p99 / single.p99).toFixed(2)} |`);
  console.log(`logs in ${dir}`);
} finally {
  children.forEach((child) => child.kill('SIGKILL'));
}
