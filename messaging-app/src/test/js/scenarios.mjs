// Drives the official Socket.IO client against a running server: `node scenarios.mjs <scenario> <baseUrl>
// [<otherNodeUrl>]`. With a second node (SeveralNodesTest), the fanout, presence and recovery scenarios put some
// tabs on it, so each check also proves the event crossed between nodes.
// Prints one line per check and exits non-zero when any check failed.
import { io } from "socket.io-client";
import { encryptionScenarios } from "./encryption.mjs";

const [scenario, base, otherArgument] = process.argv.slice(2);
const other = otherArgument ?? base;
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

// A scenario that waits for something that never comes fails with what it last did, not by hanging its caller.
let lastAction = "nothing yet";
setTimeout(() => {
  console.log("FAIL the scenario did not finish in 240 s; its last request or connection: " + lastAction);
  console.log(`${passed} passed, ${failures.length + 1} failed`);
  process.exit(1);
}, 240_000).unref();

async function api(method, path, token, body, extraHeaders = {}) {
  lastAction = method + " " + path;
  const headers = { "content-type": "application/json", ...extraHeaders };
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
  const { node = base, ...rest } = options;
  lastAction = "connect to " + node;
  const socket = io(node, { auth: { token: user.token }, reconnection: false, ...rest });
  socket.events = [];
  socket.onAny((event, payload) => socket.events.push({ event, payload }));
  // a drop the scenario did not ask for is said, so that a failure after it can be told from a wrong answer
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") console.log(`note: a socket on ${node} dropped: ${reason}`);
  });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
    socket.io.once("close", (reason) => reject(new Error(`the connection to ${node} closed before connecting: ${reason}`)));
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
  const a1 = await tab(alice), a2 = await tab(alice, { transports: ["websocket"], node: other });
  const b1 = await tab(bob, { node: other }), b2 = await tab(bob, { transports: ["websocket"] });
  const e1 = await tab(eve, { node: other });
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
  // by content: across nodes, the notification of "hello" (stored before these tabs connected) may still reach them
  const notifiedOfLive = (s) => s.events.filter((e) => e.event === "message_notification"
    && e.payload.message?.content === "live").length;
  check(notifiedOfLive(b1) === 1 && notifiedOfLive(b2) === 1, "every tab of the recipient gets message_notification");
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
  const outsider = await tab(stranger, { node: other });
  const t1 = await tab(alice);
  await until(() => count(watcher, "user_online") > 0);
  const t2 = await tab(alice, { transports: ["websocket"], node: other });
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

/** Waits for the socket's first new_message from a scheduled message; returns it with its delay past sendAt. */
async function scheduledArrival(socket, scheduled, ms = 8000) {
  const found = () => socket.events.find((e) => e.event === "new_message"
    && e.payload.scheduledMessageId === scheduled.id);
  await until(() => found() !== undefined, ms);
  const event = found();
  return event && { message: event.payload, late: event.receivedAt - Date.parse(scheduled.sendAt) };
}

async function scheduledScenario() {
  const alice = await account("alice");
  const bob = await account("bob");
  const eve = await account("eve");
  const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "hello" });
  const conversationId = first.body.conversationId;
  const aliceTab = await tab(alice, { transports: ["websocket"] });
  const bobTab = await tab(bob, { transports: ["websocket"] });
  for (const s of [aliceTab, bobTab]) await s.emitWithAck("join_conversation", { conversationId });
  for (const s of [aliceTab, bobTab]) s.onAny(() => { s.events[s.events.length - 1].receivedAt = Date.now(); });
  const at = (ms) => new Date(Date.now() + ms).toISOString();

  const overRest = await api("POST", "/scheduled-messages", alice.token,
    { conversationId, content: "over REST", sendAt: at(4000) });
  check(overRest.status === 201 && overRest.body.status === "scheduled" && overRest.body.messageId === null,
    "POST /api/scheduled-messages answers 201 with a scheduled message");
  const overSocket = await aliceTab.emitWithAck("schedule_message",
    { recipientId: bob.id, content: "over Socket.IO", sendAt: at(4500), clientMessageId: "later-1" });
  check(overSocket.ok && overSocket.scheduled.status === "scheduled" && overSocket.scheduled.recipientId === bob.id,
    "schedule_message acks {ok, scheduled}");
  const again = await aliceTab.emitWithAck("schedule_message",
    { recipientId: bob.id, content: "over Socket.IO", sendAt: at(4500), clientMessageId: "later-1" });
  check(again.ok && again.scheduled.id === overSocket.scheduled.id, "the same clientMessageId schedules once");
  const toCancel = await api("POST", "/scheduled-messages", alice.token,
    { conversationId, content: "never sent", sendAt: at(3500) });
  const toEdit = await api("POST", "/scheduled-messages", alice.token,
    { conversationId, content: "draft", sendAt: at(60000) });

  const past = await api("POST", "/scheduled-messages", alice.token, { conversationId, content: "x", sendAt: at(-1000) });
  check(past.status === 400 && past.body.code === "validation_failed", "a sendAt in the past is 400 validation_failed");
  const far = await api("POST", "/scheduled-messages", alice.token,
    { conversationId, content: "x", sendAt: at(367 * 24 * 3600 * 1000) });
  check(far.status === 400 && far.body.code === "validation_failed", "a sendAt more than a year ahead is refused");
  const noTime = await aliceTab.emitWithAck("schedule_message", { conversationId, content: "when?" });
  check(!noTime.ok && noTime.error.code === "validation_failed", "schedule_message without sendAt is validation_failed");
  const garbled = await api("POST", "/scheduled-messages", alice.token, { conversationId, content: "x", sendAt: "soon" });
  check(garbled.status === 400 && garbled.body.code === "validation_failed", "a malformed sendAt is refused");
  const outside = await api("POST", "/scheduled-messages", eve.token, { conversationId, content: "x", sendAt: at(5000) });
  check(outside.status === 404 && outside.body.code === "not_found", "scheduling into another's conversation is 404");

  const bobsList = await api("GET", "/scheduled-messages?status=all", bob.token);
  check(bobsList.status === 200 && bobsList.body.items.length === 0, "a user sees none of another's scheduled messages");
  const peek = await api("PATCH", "/scheduled-messages/" + toEdit.body.id, bob.token, { content: "mine now" });
  check(peek.status === 404 && peek.body.code === "not_found", "editing another's scheduled message is 404");
  const steal = await api("DELETE", "/scheduled-messages/" + toEdit.body.id, eve.token);
  check(steal.status === 404, "cancelling another's scheduled message is 404");
  const badStatus = await api("GET", "/scheduled-messages?status=soon", alice.token);
  check(badStatus.status === 400 && badStatus.body.code === "validation_failed", "an unknown status filter is 400");

  const cancelled = await api("DELETE", "/scheduled-messages/" + toCancel.body.id, alice.token);
  check(cancelled.status === 204, "DELETE cancels with 204");
  const cancelAgain = await api("DELETE", "/scheduled-messages/" + toCancel.body.id, alice.token);
  check(cancelAgain.status === 409 && cancelAgain.body.code === "conflict", "a cancelled message cannot be cancelled again");
  const edited = await api("PATCH", "/scheduled-messages/" + toEdit.body.id, alice.token,
    { content: "edited", sendAt: at(5000) });
  check(edited.status === 200 && edited.body.content === "edited", "PATCH changes content and sendAt");
  const list = await api("GET", "/scheduled-messages", alice.token);
  check(JSON.stringify(list.body.items.map((m) => m.content)) === JSON.stringify(["over REST", "over Socket.IO", "edited"]),
    "GET lists the caller's scheduled messages soonest first");
  check(count(bobTab, "new_message") === 0 && count(bobTab, "message_notification") === 0,
    "the recipient learns nothing before sendAt");

  for (const [scheduled, what] of [[overRest.body, "REST"], [overSocket.scheduled, "Socket.IO"],
    [edited.body, "an edited one"]]) {
    const arrival = await scheduledArrival(bobTab, scheduled);
    check(arrival !== undefined, "the recipient gets new_message with scheduledMessageId (scheduled over " + what + ")");
    check(arrival && arrival.late >= 0 && arrival.late < 1500,
      "within about a second of sendAt (" + (arrival && arrival.late) + " ms late, " + what + ")");
    check(arrival && arrival.message.senderId === alice.id && arrival.message.content === scheduled.content,
      "sent as the sender with the scheduled content (" + what + ")");
  }
  check((await scheduledArrival(aliceTab, overRest.body, 500)) !== undefined,
    "the sender's joined socket gets it too");
  await sleep(500);
  check(!bobTab.events.some((e) => e.payload?.content === "never sent" || e.payload?.message?.content === "never sent"),
    "a cancelled message is never sent");
  const history = await api("GET", `/conversations/${conversationId}/messages?after=0`, bob.token);
  check(JSON.stringify(history.body.items.map((m) => m.seq)) === JSON.stringify([1, 2, 3, 4]),
    "the sent messages take the next seqs, gap-free");
  check(history.body.items.filter((m) => m.scheduledMessageId).length === 3, "each is in the history once");
  const done = await api("GET", "/scheduled-messages?status=sent", alice.token);
  check(done.body.items.length === 3 && done.body.items.every((m) => m.messageId), "they read sent, with messageId");
  const late = await api("PATCH", "/scheduled-messages/" + overRest.body.id, alice.token, { content: "too late" });
  check(late.status === 409 && late.body.code === "conflict", "a sent message cannot be edited");

  const carol = await account("carol");
  const group = await api("POST", "/conversations", bob.token, { title: "Team", participantIds: [alice.id, carol.id] });
  const doomed = await api("POST", "/scheduled-messages", alice.token,
    { conversationId: group.body.id, content: "after I am gone", sendAt: at(1500) });
  await api("DELETE", `/conversations/${group.body.id}/participants/${alice.id}`, bob.token);
  await sleep(2500);
  const failed = await api("GET", "/scheduled-messages?status=failed", alice.token);
  check(failed.body.items.length === 1 && failed.body.items[0].id === doomed.body.id
    && failed.body.items[0].failure === "not_participant",
    "a sender removed from the conversation gets failed with failure not_participant");
  const groupHistory = await api("GET", `/conversations/${group.body.id}/messages?after=0`, bob.token);
  check(groupHistory.body.items.length === 0, "and nothing is sent");
  [aliceTab, bobTab].forEach((s) => s.close());
}

/** A PCM WAV file (8 kHz, mono, 16-bit) of silence lasting `ms`. */
function wav(ms) {
  const dataSize = (ms * 8000 * 2) / 1000;
  const bytes = new DataView(new ArrayBuffer(44 + dataSize));
  const ascii = (at, text) => [...text].forEach((c, i) => bytes.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF"); bytes.setUint32(4, 36 + dataSize, true); ascii(8, "WAVE");
  ascii(12, "fmt "); bytes.setUint32(16, 16, true); bytes.setUint16(20, 1, true); bytes.setUint16(22, 1, true);
  bytes.setUint32(24, 8000, true); bytes.setUint32(28, 16000, true); bytes.setUint16(32, 2, true);
  bytes.setUint16(34, 16, true); ascii(36, "data"); bytes.setUint32(40, dataSize, true);
  return new Uint8Array(bytes.buffer);
}

async function voiceScenario() {
  const alice = await account("alice");
  const bob = await account("bob");
  const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "listen" });
  const conversationId = first.body.conversationId;
  const upload = await fetch(base + "/api/attachments", { method: "POST", body: wav(2000),
    headers: { authorization: "Bearer " + alice.token, "content-type": "audio/wav" } });
  const attachmentId = (await upload.json()).id;
  const a1 = await tab(alice), b1 = await tab(bob), b2 = await tab(bob, { transports: ["websocket"] });
  await b1.emitWithAck("join_conversation", { conversationId });
  const voice = { durationMs: 2000, waveform: [0, 0.5, 1] };
  const body = { conversationId, type: "voice", attachments: [{ id: attachmentId }], voice };

  const refused = await a1.emitWithAck("send_message", { ...body, voice: { durationMs: 60000 } });
  check(!refused.ok && refused.error.code === "validation_failed", "a duration the WAV header contradicts is refused");
  const noVoice = await a1.emitWithAck("send_message", { ...body, voice: undefined });
  check(!noVoice.ok && noVoice.error.code === "validation_failed", "a voice message without voice is refused");
  const sent = await a1.emitWithAck("send_message", body);
  check(sent.ok && sent.message.type === "voice" && JSON.stringify(sent.message.voice) ===
    JSON.stringify({ durationMs: 2000, waveform: [0.0, 0.5, 1.0] }), "send_message acks the voice message with its voice");
  await until(() => count(b1, "new_message") === 1 && count(b2, "message_notification") === 1);
  check(last(b1, "new_message")?.voice?.durationMs === 2000, "new_message carries the voice note");
  check(last(b2, "message_notification")?.message?.voice?.waveform?.length === 3,
    "message_notification carries the voice note");
  const history = await api("GET", `/conversations/${conversationId}/messages?after=1`, bob.token);
  check(history.body.items.length === 1 && history.body.items[0].voice?.durationMs === 2000,
    "history carries the voice note");
  check(first.body.voice === null, "a text message has voice null");
  [a1, b1, b2].forEach((s) => s.close());
}

// Connection state recovery, run against a server with SOCKET_RECOVERY_WINDOW=3s and
// SOCKET_RECOVERY_SESSION_EVENTS=20 (ConnectionRecoveryTest).
const reconnecting = { reconnection: true, reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0 };
const disconnectOf = (socket) => new Promise((resolve) => socket.once("disconnect", resolve));
const connectOf = (socket) => new Promise((resolve) => socket.once("connect", resolve));
const cuts = {
  // the client drops its transport, as on a network switch
  client: (socket) => socket.io.engine.close(),
  // the client stops answering pings: the server drops the connection on its ping timeout
  server: (socket) => { socket.io.engine._sendPacket = () => {}; },
};

/** Bob in two conversations (with Alice and with Carol), each with one message Bob has already seen live. */
async function twoConversations(transports) {
  const [alice, bob, carol] = [await account("alice"), await account("bob"), await account("carol")];
  const first = await api("POST", "/messages", bob.token, { recipientId: alice.id, content: "from bob" });
  const second = await api("POST", "/messages", carol.token, { recipientId: bob.id, content: "from carol" });
  const socket = await tab(bob, { ...reconnecting, transports });
  socket.sent = [];
  socket.onAnyOutgoing((event) => socket.sent.push(event));
  for (const conversationId of [first.body.conversationId, second.body.conversationId]) {
    await socket.emitWithAck("join_conversation", { conversationId });
  }
  await api("POST", "/messages", alice.token, { conversationId: first.body.conversationId, content: "live" });
  await until(() => count(socket, "new_message") === 1);
  return { alice, bob, carol, socket, withAlice: first.body.conversationId, withCarol: second.body.conversationId };
}

/** While Bob is away: five messages from Alice, one from Carol, Alice's read receipt and her typing. */
async function whileAway(setup, aliceTab) {
  for (let i = 0; i < 5; i++) {
    await api("POST", "/messages", setup.alice.token, { conversationId: setup.withAlice, content: "missed " + i });
  }
  await api("POST", "/messages", setup.carol.token, { conversationId: setup.withCarol, content: "missed carol" });
  await aliceTab.emitWithAck("mark_messages_read", { conversationId: setup.withAlice });
  await aliceTab.emitWithAck("typing_start", { conversationId: setup.withAlice });
}

const relevant = (socket, from) => socket.events.slice(from)
  .filter((e) => ["new_message", "messages_read", "user_typing"].includes(e.event))
  .map((e) => e.event === "new_message" ? e.payload.content : e.event);

async function recovery(transports, cut) {
  const setup = await twoConversations(transports);
  const { socket } = setup;
  const aliceTab = await tab(setup.alice);
  const id = socket.id;
  const joinsBefore = socket.sent.filter((e) => e === "join_conversation").length;
  await sleep(200);
  const down = disconnectOf(socket);
  socket.io.uri = other; // the reconnect reaches the other node, as a load balancer may send it there
  cut(socket);
  const reason = await down;
  check(reason === (cut === cuts.server ? "transport close" : "forced close"), `${transports} ${cut.name}: dropped (${reason})`);
  const from = socket.events.length;
  await sleep(100);
  await whileAway(setup, aliceTab);
  await connectOf(socket);
  check(socket.recovered === true, `${transports} ${cut.name}: recovered is true`);
  check(socket.id === id, `${transports} ${cut.name}: the same socket id`);
  await api("POST", "/messages", setup.alice.token, { conversationId: setup.withAlice, content: "newer" });
  await api("POST", "/messages", setup.carol.token, { conversationId: setup.withCarol, content: "newer carol" });
  await until(() => relevant(socket, from).includes("newer carol"));
  const expected = ["missed 0", "missed 1", "missed 2", "missed 3", "missed 4", "missed carol", "messages_read",
    "user_typing", "newer", "newer carol"];
  check(JSON.stringify(relevant(socket, from)) === JSON.stringify(expected),
    `${transports} ${cut.name}: missed events once, in order, before newer ones: ${JSON.stringify(relevant(socket, from))}`);
  // Notifications by content: before the cut, "live" once; "from carol" was stored before this socket connected,
  // and across nodes its event may still reach the socket when it connects a moment later (delivery is
  // asynchronous), so it may come once or not at all. After the cut: every missed one and the newer ones, once, in
  // order.
  const notified = (fromIndex, toIndex) => socket.events.slice(fromIndex, toIndex)
    .filter((e) => e.event === "message_notification").map((e) => e.payload.message?.content);
  const before = notified(0, from).filter((content) => content !== "from carol");
  check(JSON.stringify(before) === JSON.stringify(["live"]) && notified(0, from).length <= 2,
    `${transports} ${cut.name}: each notification before the cut once: ${JSON.stringify(notified(0, from))}`);
  const afterCut = ["missed 0", "missed 1", "missed 2", "missed 3", "missed 4", "missed carol", "newer", "newer carol"];
  await until(() => notified(from).length >= afterCut.length);
  await sleep(200);
  check(JSON.stringify(notified(from)) === JSON.stringify(afterCut),
    `${transports} ${cut.name}: each notification once, in order: ${JSON.stringify(notified(from))}`);
  check(socket.sent.filter((e) => e === "join_conversation").length === joinsBefore,
    `${transports} ${cut.name}: no join_conversation sent again`);
  [socket, aliceTab].forEach((s) => s.close());
}

async function recoveryScenario() {
  await recovery(["websocket"], cuts.client);
  await recovery(["polling"], cuts.client);
  await recovery(["websocket"], cuts.server);
}

async function recoveryExpiredScenario() {
  const setup = await twoConversations(["websocket"]);
  const { socket } = setup;
  const id = socket.id;
  socket.io.reconnectionDelay(4000);
  socket.io.reconnectionDelayMax(4000);
  const seen = (await api("GET", `/conversations/${setup.withAlice}/messages?after=0`, setup.bob.token)).body.items;
  const down = disconnectOf(socket);
  socket.io.engine.close();
  await down;
  await sleep(100);
  for (let i = 0; i < 3; i++) {
    await api("POST", "/messages", setup.alice.token, { conversationId: setup.withAlice, content: "missed " + i });
  }
  await connectOf(socket);
  check(socket.recovered === false, "after the window: recovered is false");
  check(socket.id !== id, "and a new socket id");
  const missed = await api("GET", `/conversations/${setup.withAlice}/messages?after=${seen[seen.length - 1].seq}`,
    setup.bob.token);
  check(JSON.stringify(missed.body.items.map((m) => m.content)) === JSON.stringify(["missed 0", "missed 1", "missed 2"]),
    "and after=<seq> fills the gap");
  socket.close();
}

async function recoveryForeignScenario() {
  const setup = await twoConversations(["websocket"]);
  const { socket } = setup;
  socket.io.reconnection(false);
  const down = disconnectOf(socket);
  socket.io.engine.close();
  await down;
  await sleep(100);
  await api("POST", "/messages", setup.alice.token, { conversationId: setup.withAlice, content: "for bob only" });
  const mallory = await account("mallory");
  const thief = io(base, { auth: { token: mallory.token }, reconnection: false, autoConnect: false,
    transports: ["websocket"] });
  thief.events = [];
  thief.onAny((event, payload) => thief.events.push({ event, payload }));
  thief._pid = socket._pid;
  thief._lastOffset = socket._lastOffset;
  thief.connect();
  await connectOf(thief);
  check(thief.recovered === false, "another user's pid: recovered is false");
  check(thief.id !== socket.id, "and a new socket id");
  await sleep(300);
  check(thief.events.length === 0, "and none of the owner's events");
  socket.connect();
  await connectOf(socket);
  check(socket.recovered === true, "the owner still recovers afterwards");
  await until(() => last(socket, "new_message")?.content === "for bob only");
  check(last(socket, "new_message")?.content === "for bob only", "with what it missed");
  [socket, thief].forEach((s) => s.close());
}

async function recoveryOverflowScenario() {
  const setup = await twoConversations(["websocket"]);
  const { socket } = setup;
  const id = socket.id;
  const seq = (await api("GET", `/conversations/${setup.withAlice}/messages?after=0`, setup.bob.token)).body.items
    .at(-1).seq;
  const down = disconnectOf(socket);
  socket.io.engine.close();
  await down;
  await sleep(100);
  await Promise.all(Array.from({ length: 25 }, (_, i) =>
    api("POST", "/messages", setup.alice.token, { conversationId: setup.withAlice, content: "flood " + i })));
  await connectOf(socket);
  check(socket.recovered === false, "a flood over the session's cap: recovered is false");
  check(socket.id !== id, "and a new socket id");
  const missed = await api("GET", `/conversations/${setup.withAlice}/messages?after=${seq}&limit=100`, setup.bob.token);
  check(missed.body.items.length === 25, "and after=<seq> returns all 25: " + missed.body.items.length);
  socket.close();
}

const scenarios = { connect: connectScenario, fanout: fanoutScenario, presence: presenceScenario, catchup: catchupScenario,
  scheduled: scheduledScenario, voice: voiceScenario, recovery: recoveryScenario,
  "recovery-expired": recoveryExpiredScenario, "recovery-foreign": recoveryForeignScenario,
  "recovery-overflow": recoveryOverflowScenario,
  ...encryptionScenarios({ api, account, tab, check, until, sleep, unique, count, last, other, reconnecting,
    disconnectOf, connectOf }) };
try {
  await scenarios[scenario]();
} catch (error) {
  failures.push("scenario threw: " + (error?.stack || error));
  console.log("FAIL " + failures[failures.length - 1]);
}
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
