// A load-generating process: holds Socket.IO client sockets and runs the commands the orchestrator sends it.
import { io } from 'socket.io-client';
import { Traffic } from './lib/traffic.mjs';

let sockets = [];
let traffic = null;
const unexpectedDisconnects = [];

/** Opens an authenticated websocket-only socket; resolves on `connect`, rejects on `connect_error`. */
function open(url, { token, address }) {
  const socket = io(url, {
    transports: ['websocket'], forceNew: true, reconnection: false, timeout: 120_000,
    auth: { token }, localAddress: address,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.on('disconnect', (reason, details) => {
        const serverReason = details?.context?.reason;
        if (reason === 'io client disconnect') return;
        unexpectedDisconnects.push(serverReason ? `${reason}: ${serverReason}` : reason);
      });
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`connect_error: ${error.message}`));
    });
  });
}

/** Opens the clients, `concurrency` connecting at a time. */
async function connect({ url, clients, concurrency }) {
  let next = 0;
  async function openNext() {
    for (let i = next++; i < clients.length; i = next++) sockets.push(await open(url, clients[i]));
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, openNext));
  return { connected: sockets.length };
}

function closeAll() {
  sockets.forEach((socket) => socket.disconnect());
  sockets = [];
  traffic = null;
  return {};
}

async function join(socket, conversationId) {
  const ack = await socket.timeout(60_000).emitWithAck('join_conversation', { conversationId });
  if (!ack?.ok) throw new Error(`join_conversation ${conversationId}: ${JSON.stringify(ack)}`);
}

/** Connects the users; in each pair the first sends once by recipientId, then both join the conversation. */
async function setupDirect({ url, users, pairs, prefix }) {
  const connected = await Promise.all(users.map((user) => open(url, user)));
  sockets.push(...connected);
  const members = [];
  const setupIds = [];
  await Promise.all(pairs.map(async ([a, b]) => {
    const ack = await connected[a].timeout(60_000).emitWithAck('send_message',
      { recipientId: users[b].id, content: 'hello', clientMessageId: `${prefix}-hello-${a}` });
    if (!ack?.ok) throw new Error(`first send_message to ${users[b].id}: ${JSON.stringify(ack)}`);
    const { conversationId } = ack.message;
    setupIds.push(ack.message.id);
    await Promise.all([join(connected[a], conversationId), join(connected[b], conversationId)]);
    members.push({ socket: connected[a], userId: users[a].id, conversationId, receivers: 1 },
      { socket: connected[b], userId: users[b].id, conversationId, receivers: 1 });
  }));
  traffic = new Traffic(members, prefix);
  setupIds.forEach((id) => traffic.ignore(id));
  return { members: members.length };
}

/** Connects the users and has every member join its group. */
async function setupGroups({ url, users, groups, prefix }) {
  const connected = await Promise.all(users.map((user) => open(url, user)));
  sockets.push(...connected);
  const members = groups.flatMap(({ conversationId, memberIndexes }) => memberIndexes.map((i) => (
    { socket: connected[i], userId: users[i].id, conversationId, receivers: memberIndexes.length - 1 })));
  await Promise.all(members.map(({ socket, conversationId }) => join(socket, conversationId)));
  traffic = new Traffic(members, prefix);
  return { members: members.length };
}

async function stop() {
  const result = await traffic.stop();
  if (unexpectedDisconnects.length > 0) {
    result.problems.push(`${unexpectedDisconnects.length} sockets disconnected: ${unexpectedDisconnects.slice(0, 3)}`);
  }
  return result;
}

const commands = {
  connect, closeAll, setupDirect, setupGroups, stop,
  start: ({ inFlight }) => traffic.start(inFlight) ?? {},
  beginWindow: () => traffic.beginWindow() ?? {},
  endWindow: () => traffic.endWindow(),
  cpuMicros: () => { const { user, system } = process.cpuUsage(); return user + system; },
  disconnects: () => ({ count: unexpectedDisconnects.length, reasons: unexpectedDisconnects.slice(0, 3) }),
};

process.on('message', async ({ id, command, args }) => {
  try {
    process.send({ id, result: await commands[command](args) });
  } catch (error) {
    process.send({ id, error: error.stack ?? String(error) });
  }
});
