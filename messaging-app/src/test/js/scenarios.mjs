// Drives the official Socket.IO client against a running server: `node scenarios.mjs <scenario> <baseUrl>`.
// Prints one line per check and exits non-zero when any check failed.
import { io } from "socket.io-client";

const [scenario, base] = process.argv.slice(2);
const failures = [];
let passed = 0;
const check = (condition, what) => {
  if (condition) { passed++; console.log("ok   " + what); } else { failures.push(what); console.log("FAIL " + what); }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (condition, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await sleep(50);
};
const unique = (p) => p + Math.random().toString(36).slice(2, 10);

async function api(method, path, token, body) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = "Bearer " + token;
  const res = await fetch(base + "/api" + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function account(prefix) {
  const username = unique(prefix);
  await api("POST", "/auth/register", null, { username, email: username + "@example.com", password: "password-1" });
  const login = await api("POST", "/auth/login", null, { login: username, password: "password-1" });
  return { id: login.body.user.id, token: login.body.token };
}

/** A connected socket that records every server event it receives. */
async function tab(user, options = {}) {
  const socket = io(base, { auth: { token: user.token }, reconnection: false, ...options });
  socket.events = [];
  socket.onAny((event, payload) => socket.events.push({ event, payload }));
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}
const count = (socket, event) => socket.events.filter((e) => e.event === event).length;
const last = (socket, event) => [...socket.events].reverse().find((e) => e.event === event)?.payload;

async function connectScenario() {
  const alice = await account("alice");
  const polling = await tab(alice);
  await sleep(300);
  check(polling.io.engine.transport.name === "websocket", "default options connect over polling and upgrade");
  const ws = await tab(alice, { transports: ["websocket"] });
  check(ws.connected, "websocket-only connects");
  const ack = await ws.emitWithAck("get_online_users", {});
  check(ack.ok === true && Array.isArray(ack.users), "an event is acknowledged");
  const bad = io(base, { auth: { token: "forged" }, reconnection: false });
  const error = await new Promise((resolve) => bad.once("connect_error", resolve));
  check(error.message === "unauthorized", "a bad token gets connect_error unauthorized");
  await sleep(200);
  check(bad.events === undefined && !bad.connected, "and no connection");
  const badAck = await ws.emitWithAck("join_conversation", { conversationId: "not-mine" });
  check(badAck.ok === false && badAck.error.code === "not_found", "joining another's conversation is not_found");
  const invalid = await ws.emitWithAck("send_message", { content: 5 });
  check(invalid.ok === false && invalid.error.code === "validation_failed", "bad input is validation_failed");
  const bob = await account("bob");
  const pollingOnly = await tab(bob, { transports: ["polling"] });
  const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "over polling" });
  const joinedOverPolling = await pollingOnly.emitWithAck("join_conversation",
    { conversationId: first.body.conversationId });
  check(joinedOverPolling.ok, "a polling-only client's events are acknowledged");
  await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "held poll answered" });
  await until(() => count(pollingOnly, "new_message") === 1);
  check(last(pollingOnly, "new_message")?.content === "held poll answered",
    "a polling-only client gets a live message through its held poll");
  check(pollingOnly.io.engine.transport.name === "polling", "and stays on polling");
  [polling, ws, bad, pollingOnly].forEach((s) => s.close());
}

async function fanoutScenario() {
  const alice = await account("alice");
  const bob = await account("bob");
  const eve = await account("eve");
  const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "hello" });
  const conversationId = first.body.conversationId;
  const a1 = await tab(alice), a2 = await tab(alice, { transports: ["websocket"] });
  const b1 = await tab(bob), b2 = await tab(bob, { transports: ["websocket"] });
  const e1 = await tab(eve);
  for (const s of [a1, a2, b1]) {
    const joined = await s.emitWithAck("join_conversation", { conversationId });
    check(joined.ok && joined.conversationId === conversationId, "participant joins the conversation");
  }
  const eveJoin = await e1.emitWithAck("join_conversation", { conversationId });
  check(!eveJoin.ok && eveJoin.error.code === "not_found", "an outsider cannot join");

  const sent = await a1.emitWithAck("send_message", { conversationId, content: "live", clientMessageId: "c-live" });
  check(sent.ok && sent.message.seq === 2, "send_message acks the stored message");
  await sleep(400);
  check(count(a1, "new_message") === 0, "the sending socket gets no new_message");
  check(count(a2, "new_message") === 1, "the sender's other joined tab gets new_message");
  check(count(b1, "new_message") === 1, "the recipient's joined tab gets new_message");
  check(count(b2, "new_message") === 0, "a tab that did not join gets no new_message");
  check(count(b1, "message_notification") === 1 && count(b2, "message_notification") === 1,
    "every tab of the recipient gets message_notification");
  check(count(a1, "message_notification") + count(a2, "message_notification") === 0, "the sender gets no notification");
  check(e1.events.length === 0, "an outsider receives nothing");

  const retry = await a1.emitWithAck("send_message", { conversationId, content: "live", clientMessageId: "c-live" });
  await sleep(300);
  check(retry.ok && retry.message.id === sent.message.id && retry.message.seq === sent.message.seq,
    "a retry acks the same message");
  check(count(b1, "new_message") === 1, "a retry emits nothing new");

  await b1.emitWithAck("typing_start", {});
  const typing = await b1.emitWithAck("typing_start", { conversationId });
  await until(() => count(a1, "user_typing") > 0);
  check(typing.ok && last(a1, "user_typing")?.isTyping === true && last(a1, "user_typing")?.userId === bob.id,
    "typing reaches the other joined sockets");
  check(count(b1, "user_typing") === 0, "the typist's sockets get no typing event");
  await until(() => last(a1, "user_typing")?.isTyping === false, 9000);
  check(last(a1, "user_typing")?.isTyping === false, "an unstopped typing ends by itself");

  const read = await b2.emitWithAck("mark_messages_read", { conversationId });
  await until(() => [a1, a2, b1, b2].every((s) => count(s, "messages_read") > 0));
  check(read.ok && read.updated === 2, "mark_messages_read acks how many were read");
  for (const s of [a1, a2, b1, b2]) {
    check(last(s, "messages_read")?.userId === bob.id, "messages_read reaches every socket of every participant");
  }

  const edited = await api("PATCH", "/messages/" + sent.message.id, alice.token, { content: "edited" });
  await api("DELETE", "/messages/" + first.body.id, alice.token);
  await until(() => count(b1, "message_deleted") > 0 && count(b1, "message_updated") > 0);
  check(edited.status === 200 && last(b1, "message_updated")?.content === "edited", "message_updated reaches joined sockets");
  check(last(b1, "message_deleted")?.messageId === first.body.id, "message_deleted reaches joined sockets");
  check(e1.events.length === 0, "still nothing for the outsider");
  [a1, a2, b1, b2, e1].forEach((s) => s.close());
}

async function presenceScenario() {
  const alice = await account("alice");
  const bob = await account("bob");
  const stranger = await account("stranger");
  await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "hi" });
  const watcher = await tab(bob);
  const outsider = await tab(stranger);
  const t1 = await tab(alice);
  await until(() => count(watcher, "user_online") > 0);
  const t2 = await tab(alice, { transports: ["websocket"] });
  await sleep(300);
  check(count(watcher, "user_online") === 1, "user_online once for the first tab, not for the second");
  const online = await watcher.emitWithAck("get_online_users", {});
  check(online.users.includes(alice.id), "get_online_users lists the contact");
  t1.close();
  await sleep(400);
  check(count(watcher, "user_offline") === 0, "closing one of two tabs keeps the user online");
  t2.close();
  await until(() => count(watcher, "user_offline") > 0);
  await sleep(200);
  check(count(watcher, "user_offline") === 1 && last(watcher, "user_offline").lastSeenAt, "user_offline once, with lastSeenAt");
  check(outsider.events.length === 0, "presence reaches only those who share a conversation");
  [watcher, outsider].forEach((s) => s.close());
}

async function catchupScenario() {
  const alice = await account("alice");
  const bob = await account("bob");
  const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "before" });
  const conversationId = first.body.conversationId;
  const socket = await tab(bob);
  await socket.emitWithAck("join_conversation", { conversationId });
  const seen = first.body.seq;
  socket.close();
  for (let i = 0; i < 5; i++) await api("POST", "/messages", alice.token, { conversationId, content: "missed " + i });
  const back = await tab(bob);
  await back.emitWithAck("join_conversation", { conversationId });
  const missed = await api("GET", `/conversations/${conversationId}/messages?after=${seen}`, bob.token);
  const seqs = missed.body.items.map((m) => m.seq);
  check(JSON.stringify(seqs) === JSON.stringify([2, 3, 4, 5, 6]), "after=<seq> returns everything missed, gap-free, oldest first");
  back.close();
}

const scenarios = { connect: connectScenario, fanout: fanoutScenario, presence: presenceScenario, catchup: catchupScenario };
try {
  await scenarios[scenario]();
} catch (error) {
  failures.push("scenario threw: " + (error?.stack || error));
  console.log("FAIL " + failures[failures.length - 1]);
}
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
