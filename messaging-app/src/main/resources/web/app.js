// The web chat client: REST for history and management, Socket.IO for everything live.
const $ = (selector) => document.querySelector(selector);
const state = {
  token: sessionStorage.getItem("token"),
  me: null,
  socket: null,
  conversations: new Map(),
  users: new Map(),
  online: new Set(),
  current: null,
  messages: new Map(),
  highestSeq: new Map(),
  outbox: new Map(),
  typingTimer: null,
  typingSent: false,
  typers: new Map(),
};

class ApiError extends Error {
  constructor(problem, status) {
    super(problem?.detail || problem?.title || "request failed");
    this.code = problem?.code;
    this.status = status;
  }
}

async function api(method, path, body, raw) {
  const headers = {};
  if (state.token) headers.authorization = "Bearer " + state.token;
  let payload;
  if (raw) {
    headers["content-type"] = raw.type || "application/octet-stream";
    payload = raw;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch("/api" + path, { method, headers, body: payload });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(json, response.status);
  return json;
}

function say(message) {
  $("#auth-message").textContent = message;
}

// ---------- authentication ----------

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const session = await api("POST", "/auth/login", { login: form.get("login"), password: form.get("password") });
    signedIn(session.token, session.user);
  } catch (error) {
    say(error.code === "account_inactive" ? "Your account needs activation: open the link we mailed you." : error.message);
  }
});

$("#register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = Object.fromEntries([...form.entries()].filter(([, value]) => value !== ""));
  try {
    const user = await api("POST", "/auth/register", body);
    if (!user.active) {
      say("Registered. Open the activation link we mailed to " + body.email + ".");
      return;
    }
    const session = await api("POST", "/auth/login", { login: body.username, password: body.password });
    signedIn(session.token, session.user);
  } catch (error) {
    say(error.message);
  }
});

$("#forgot").addEventListener("click", async () => {
  const email = prompt("Your email address");
  if (!email) return;
  try {
    await api("POST", "/auth/password-reset/request", { email });
    say("If that address has an account, a reset link is on its way.");
  } catch (error) {
    say(error.message);
  }
});

$("#logout").addEventListener("click", () => {
  sessionStorage.removeItem("token");
  state.socket?.close();
  location.href = "/";
});

async function handleLinks() {
  const params = new URLSearchParams(location.search || location.hash.slice(1));
  if (params.get("activate")) {
    try {
      await api("POST", "/auth/activate", { token: params.get("activate") });
      say("Your account is active. Log in.");
    } catch (error) {
      say("That activation link is invalid or expired.");
    }
    history.replaceState(null, "", "/");
  }
  if (params.get("reset")) {
    const form = $("#reset-form");
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api("POST", "/auth/password-reset/confirm", { token: params.get("reset"), password: new FormData(form).get("password") });
        say("Password changed. Log in.");
        form.hidden = true;
        history.replaceState(null, "", "/");
      } catch (error) {
        say(error.message);
      }
    });
  }
}

function signedIn(token, user) {
  state.token = token;
  state.me = user;
  sessionStorage.setItem("token", token);
  start();
}

// ---------- users ----------

async function user(id) {
  if (!state.users.has(id)) {
    state.users.set(id, api("GET", "/users/" + encodeURIComponent(id)).catch(() => ({ id, displayName: "unknown" })));
  }
  return state.users.get(id);
}

function titleOf(conversation) {
  if (conversation.type === "group") return Promise.resolve(conversation.title);
  const other = conversation.participantIds.find((id) => id !== state.me.id);
  return user(other).then((u) => u.displayName);
}

$("#user-search").addEventListener("input", async (event) => {
  const query = event.target.value.trim();
  const list = $("#user-results");
  list.replaceChildren();
  if (query.length < 2) return;
  const found = await api("GET", "/users?limit=10&query=" + encodeURIComponent(query));
  for (const u of found.items) {
    state.users.set(u.id, Promise.resolve(u));
    const button = document.createElement("button");
    button.textContent = `${u.displayName} (@${u.username})`;
    button.dataset.testid = "user-result";
    button.addEventListener("click", () => openDirect(u));
    const item = document.createElement("li");
    item.append(button);
    list.append(item);
  }
});
$("#user-search").addEventListener("submit", (event) => event.preventDefault());

$("#new-group").addEventListener("click", async () => {
  const title = prompt("Group title");
  if (!title) return;
  const names = prompt("Usernames to add, separated by commas") || "";
  const ids = [];
  for (const name of names.split(",").map((n) => n.trim()).filter(Boolean)) {
    const found = await api("GET", "/users?limit=5&query=" + encodeURIComponent(name));
    const match = found.items.find((u) => u.username === name.toLowerCase());
    if (match) ids.push(match.id);
  }
  const group = await api("POST", "/conversations", { title, participantIds: ids });
  await loadConversations();
  openConversation(group.id);
});

// ---------- conversations ----------

async function loadConversations() {
  const page = await api("GET", "/messages/conversations?limit=100");
  state.conversations = new Map(page.items.map((c) => [c.id, c]));
  if (state.socket?.connected) {
    const online = await state.socket.emitWithAck("get_online_users", {});
    state.online = new Set(online.users || []);
  }
  await renderConversations();
}

async function renderConversations() {
  const list = $("#conversations");
  const sorted = [...state.conversations.values()].sort((a, b) =>
    (b.lastMessage?.createdAt || b.createdAt).localeCompare(a.lastMessage?.createdAt || a.createdAt));
  const items = [];
  for (const conversation of sorted) {
    const button = document.createElement("button");
    button.dataset.testid = "conversation";
    button.dataset.conversationId = conversation.id;
    if (conversation.id === state.current) button.classList.add("active");
    const dot = document.createElement("span");
    dot.className = "dot";
    const other = conversation.type === "direct" ? conversation.participantIds.find((id) => id !== state.me.id) : null;
    if (other && state.online.has(other)) dot.classList.add("online");
    dot.dataset.testid = other && state.online.has(other) ? "online-dot" : "offline-dot";
    dot.setAttribute("aria-label", other && state.online.has(other) ? "online" : "offline");
    const name = document.createElement("strong");
    name.textContent = await titleOf(conversation);
    const preview = document.createElement("span");
    preview.className = "preview";
    const last = conversation.lastMessage;
    preview.textContent = last ? (last.deleted ? "message deleted" : last.content || "[" + last.type + "]") : "";
    button.append(dot, name, preview);
    if (conversation.unreadCount > 0) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.dataset.testid = "unread-badge";
      badge.textContent = conversation.unreadCount;
      badge.setAttribute("aria-label", conversation.unreadCount + " unread");
      button.append(badge);
    }
    button.addEventListener("click", () => openConversation(conversation.id));
    const item = document.createElement("li");
    item.append(button);
    items.push(item);
  }
  list.replaceChildren(...items);
}

async function openDirect(other) {
  $("#user-results").replaceChildren();
  $("#user-search").querySelector("input").value = "";
  const existing = [...state.conversations.values()].find((c) => c.type === "direct" && c.participantIds.includes(other.id));
  if (existing) return openConversation(existing.id);
  state.current = null;
  state.pendingRecipient = other;
  state.messages = new Map();
  $("#pane-title").textContent = other.displayName;
  $("#messages").replaceChildren();
  $("#composer").hidden = false;
  $("#draft").focus();
}

async function openConversation(id) {
  state.pendingRecipient = null;
  state.current = id;
  state.messages = new Map();
  $("#messages").replaceChildren();
  $("#typing").textContent = "";
  $("#composer").hidden = false;
  const conversation = state.conversations.get(id) || (await api("GET", "/conversations/" + id));
  $("#pane-title").textContent = await titleOf(conversation);
  await state.socket.emitWithAck("join_conversation", { conversationId: id });
  const page = await api("GET", `/conversations/${id}/messages?limit=50`);
  state.olderCursor = page.nextCursor;
  page.items.forEach(remember);
  render();
  markRead();
  renderConversations();
}

$("#messages").addEventListener("scroll", async (event) => {
  if (event.target.scrollTop > 0 || !state.olderCursor || !state.current || state.loadingOlder) return;
  state.loadingOlder = true;
  const page = await api("GET", `/conversations/${state.current}/messages?limit=50&before=${state.olderCursor}`);
  state.olderCursor = page.nextCursor;
  page.items.forEach(remember);
  render();
  state.loadingOlder = false;
});

function remember(message) {
  if (message.conversationId !== state.current) return;
  state.messages.set(message.id, message);
  const seen = state.highestSeq.get(message.conversationId) || 0;
  if (message.seq > seen) state.highestSeq.set(message.conversationId, message.seq);
}

// ---------- messages ----------

function render() {
  const list = $("#messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const sorted = [...state.messages.values()].sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity));
  list.replaceChildren(...sorted.map(renderMessage));
  if (atBottom || sorted.length <= 50) list.scrollTop = list.scrollHeight;
}

function renderMessage(message) {
  const mine = message.senderId === state.me.id;
  const item = document.createElement("li");
  item.className = "message" + (mine ? " mine" : "") + (message.pending ? " pending" : "");
  item.dataset.testid = "message";
  item.dataset.messageId = message.id || "";
  const body = document.createElement("div");
  if (message.deleted) {
    body.className = "deleted";
    body.dataset.testid = "deleted-marker";
    body.textContent = "message deleted";
  } else {
    body.dataset.testid = "message-content";
    body.textContent = message.content || "";
  }
  item.append(body);
  for (const attachment of message.deleted ? [] : message.attachments || []) {
    item.append(renderAttachment(attachment));
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const time = document.createElement("time");
  time.dateTime = message.createdAt || "";
  time.textContent = message.createdAt ? new Date(message.createdAt).toLocaleTimeString() : "sending…";
  meta.append(time);
  if (message.editedAt && !message.deleted) {
    const edited = document.createElement("span");
    edited.dataset.testid = "edited-marker";
    edited.textContent = "edited";
    meta.append(edited);
  }
  if (mine && !message.pending && !message.deleted) {
    const ticks = document.createElement("span");
    const read = (message.readBy || []).length > 0;
    ticks.dataset.testid = read ? "read-ticks" : "sent-tick";
    ticks.textContent = read ? "✓✓" : "✓";
    ticks.setAttribute("aria-label", read ? "read" : "sent");
    meta.append(ticks);
  }
  const reactions = message.reactions || {};
  for (const [emoji, users] of Object.entries(reactions)) {
    const chip = document.createElement("button");
    chip.textContent = `${emoji} ${users.length}`;
    chip.dataset.testid = "reaction";
    chip.setAttribute("aria-pressed", users.includes(state.me.id));
    chip.addEventListener("click", () => react(message, emoji));
    meta.append(chip);
  }
  if (!message.pending && !message.deleted) {
    const like = document.createElement("button");
    like.textContent = "👍";
    like.setAttribute("aria-label", "react with thumbs up");
    like.dataset.testid = "react";
    like.addEventListener("click", () => react(message, "👍"));
    meta.append(like);
  }
  if (mine && !message.pending && !message.deleted) {
    const edit = document.createElement("button");
    edit.textContent = "Edit";
    edit.dataset.testid = "edit";
    edit.addEventListener("click", async () => {
      const content = prompt("Edit message", message.content);
      if (content && content !== message.content) upsert(await api("PATCH", "/messages/" + message.id, { content }));
    });
    const remove = document.createElement("button");
    remove.textContent = "Delete";
    remove.dataset.testid = "delete";
    remove.addEventListener("click", async () => {
      if (!confirm("Delete this message?")) return;
      await api("DELETE", "/messages/" + message.id);
      upsert({ ...message, deleted: true, content: null, attachments: [] });
    });
    meta.append(edit, remove);
  }
  item.append(meta);
  return item;
}

function renderAttachment(attachment) {
  if (attachment.contentType.startsWith("image/")) {
    const image = document.createElement("img");
    image.alt = attachment.name || "image";
    image.dataset.testid = "image-preview";
    fetch(attachment.url, { headers: { authorization: "Bearer " + state.token } })
      .then((r) => r.blob()).then((blob) => { image.src = URL.createObjectURL(blob); });
    return image;
  }
  const link = document.createElement("button");
  link.className = "link";
  link.textContent = "📎 " + (attachment.name || "file") + ` (${Math.ceil(attachment.size / 1024)} KB)`;
  link.addEventListener("click", async () => {
    const response = await fetch(attachment.url, { headers: { authorization: "Bearer " + state.token } });
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = attachment.name || "file";
    a.click();
  });
  return link;
}

function upsert(message) {
  if (message.conversationId === state.current) {
    for (const [key, value] of state.messages) {
      if (value.pending && value.clientMessageId && value.clientMessageId === message.clientMessageId) state.messages.delete(key);
    }
    remember(message);
    render();
  }
}

async function react(message, emoji) {
  const mine = (message.reactions?.[emoji] || []).includes(state.me.id);
  upsert(await api(mine ? "DELETE" : "PUT", `/messages/${message.id}/reactions/${encodeURIComponent(emoji)}`));
}

$("#composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("#draft");
  const file = $("#file").files[0];
  const content = input.value.trim();
  if (!content && !file) return;
  input.value = "";
  stopTyping();
  const body = { content, clientMessageId: crypto.randomUUID() };
  if (file) {
    const uploaded = await api("POST", "/attachments", undefined, file);
    body.type = file.type.startsWith("image/") ? "image" : "file";
    body.attachments = [{ id: uploaded.id, name: file.name }];
    $("#file").value = "";
  }
  if (state.current) body.conversationId = state.current;
  else body.recipientId = state.pendingRecipient.id;
  state.outbox.set(body.clientMessageId, body);
  if (state.current) {
    state.messages.set("pending:" + body.clientMessageId, { ...body, pending: true, senderId: state.me.id, attachments: [] });
    render();
  }
  await flushOutbox();
});

async function flushOutbox() {
  if (!state.socket?.connected) return;
  for (const [clientMessageId, body] of [...state.outbox]) {
    const ack = await state.socket.timeout(10000).emitWithAck("send_message", body).catch(() => null);
    if (!ack) return;
    state.outbox.delete(clientMessageId);
    if (!ack.ok) {
      alert("Not sent: " + ack.error.message);
      state.messages.delete("pending:" + clientMessageId);
      render();
      continue;
    }
    if (!state.current && state.pendingRecipient) {
      await loadConversations();
      await openConversation(ack.message.conversationId);
    }
    upsert(ack.message);
    touchConversation(ack.message, false);
  }
}

function touchConversation(message, unread) {
  const conversation = state.conversations.get(message.conversationId);
  if (!conversation) {
    loadConversations();
    return;
  }
  conversation.lastMessage = message;
  if (unread) conversation.unreadCount = (conversation.unreadCount || 0) + 1;
  renderConversations();
}

function markRead() {
  if (!state.current || document.hidden) return;
  state.socket.emitWithAck("mark_messages_read", { conversationId: state.current }).then(() => {
    const conversation = state.conversations.get(state.current);
    if (conversation) {
      conversation.unreadCount = 0;
      renderConversations();
    }
  });
}
document.addEventListener("visibilitychange", markRead);

// ---------- typing ----------

$("#draft").addEventListener("input", () => {
  if (!state.current) return;
  if (!state.typingSent) {
    state.socket.emit("typing_start", { conversationId: state.current });
    state.typingSent = true;
  }
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(stopTyping, 3000);
});
$("#draft").addEventListener("blur", stopTyping);

function stopTyping() {
  clearTimeout(state.typingTimer);
  if (state.typingSent && state.current) state.socket.emit("typing_stop", { conversationId: state.current });
  state.typingSent = false;
}

async function showTyping() {
  const names = [];
  for (const [userId, conversationId] of state.typers) {
    if (conversationId === state.current) names.push((await user(userId)).displayName);
  }
  $("#typing").textContent = names.length ? names.join(", ") + (names.length > 1 ? " are" : " is") + " typing…" : "";
}

// ---------- real time ----------

function connect() {
  const socket = io({ auth: { token: state.token } });
  state.socket = socket;
  socket.on("connect", async () => {
    $("#connection").textContent = "online";
    $("#connection").classList.add("online");
    await loadConversations();
    if (state.current) {
      await socket.emitWithAck("join_conversation", { conversationId: state.current });
      await catchUp(state.current);
      markRead();
    }
    flushOutbox();
  });
  socket.on("disconnect", () => {
    $("#connection").textContent = "offline";
    $("#connection").classList.remove("online");
  });
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") {
      sessionStorage.removeItem("token");
      location.href = "/";
    }
  });
  socket.on("new_message", (message) => {
    upsert(message);
    state.typers.delete(message.senderId);
    showTyping();
    markRead();
  });
  socket.on("message_notification", ({ message }) => {
    touchConversation(message, message.conversationId !== state.current || document.hidden);
  });
  socket.on("message_updated", upsert);
  socket.on("message_deleted", ({ messageId }) => {
    const message = state.messages.get(messageId);
    if (message) upsert({ ...message, deleted: true, content: null, attachments: [] });
  });
  socket.on("messages_read", ({ conversationId, userId, messageIds, readAt }) => {
    if (conversationId !== state.current || userId === state.me.id) return;
    for (const id of messageIds || []) {
      const message = state.messages.get(id);
      if (message) message.readBy = [...(message.readBy || []), { userId, readAt }];
    }
    render();
  });
  socket.on("user_typing", ({ conversationId, userId, isTyping }) => {
    if (isTyping) state.typers.set(userId, conversationId);
    else state.typers.delete(userId);
    showTyping();
  });
  socket.on("user_online", ({ userId }) => {
    state.online.add(userId);
    renderConversations();
  });
  socket.on("user_offline", ({ userId }) => {
    state.online.delete(userId);
    renderConversations();
  });
}

async function catchUp(conversationId) {
  let after = state.highestSeq.get(conversationId) || 0;
  for (;;) {
    const page = await api("GET", `/conversations/${conversationId}/messages?limit=100&after=${after}`);
    page.items.forEach(remember);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  render();
}

$("#message-search").addEventListener("submit", async (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q").trim();
  const list = $("#search-results");
  list.replaceChildren();
  if (!q) return;
  const found = await api("GET", "/messages/search?limit=20&q=" + encodeURIComponent(q));
  for (const message of found.items) {
    const button = document.createElement("button");
    button.dataset.testid = "search-result";
    button.textContent = message.content;
    button.addEventListener("click", () => openConversation(message.conversationId));
    const item = document.createElement("li");
    item.append(button);
    list.append(item);
  }
});

async function start() {
  $("#auth").hidden = true;
  $("#app").hidden = false;
  if (!state.me) state.me = await api("GET", "/users/me");
  $("#me-name").textContent = state.me.displayName;
  connect();
}

(async () => {
  await handleLinks();
  if (state.token) {
    try {
      await start();
      return;
    } catch (error) {
      sessionStorage.removeItem("token");
      state.token = null;
    }
  }
  $("#auth").hidden = false;
})();
