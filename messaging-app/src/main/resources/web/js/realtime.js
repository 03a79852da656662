// The Socket.IO connection: live events into the state, catch-up after a reconnect that was not recovered, the
// outbox sent again.
import { api } from "./api.js";
import { messagePreview } from "./preview.js";
import { state, $ } from "./state.js";
import { rememberUser, user } from "./users.js";
import { remember, renderMessages, upsert } from "./messages.js";
import { conversationChanged, conversationRemoved, loadConversations, markRead, presenceChanged, renderConversations,
  touchConversation } from "./conversations.js";
import { flushOutbox } from "./composer.js";
import { socketAuth, socketListeners } from "./extensions.js";

function status(text, online) {
  const element = $("#connection");
  element.textContent = text;
  element.classList.toggle("online", online);
}

export function connect(token, { onUnauthorized, onFirstConnect }) {
  const socket = io({ auth: Object.assign({}, ...socketAuth.map((extra) => extra()), { token }) });
  state.socket = socket;
  for (const listener of socketListeners) listener(socket);
  let first = true;
  socket.on("connect", async () => {
    status("online", true);
    if (socket.recovered) {
      // connection state recovery: the same rooms, and every missed event was replayed just before this
      flushOutbox();
      return;
    }
    await loadConversations();
    if (first) {
      first = false;
      onFirstConnect();
    } else if (state.current) {
      await socket.timeout(5000).emitWithAck("join_conversation", { conversationId: state.current }).catch(() => null);
      await catchUp(state.current);
      markRead();
    }
    flushOutbox();
  });
  socket.on("disconnect", () => {
    status("offline", false);
    // Who is online is unknown until the connection is back (and get_online_users answers again).
    state.online.clear();
    presenceChanged();
  });
  socket.io.on("reconnect_attempt", () => status("connecting…", false));
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") onUnauthorized();
    else status("offline", false);
  });
  socket.on("new_message", async (message) => {
    state.typers.delete(message.senderId);
    showTyping();
    const here = message.conversationId === state.current;
    const shown = await upsert(message, message.senderId === state.me.id ? "mine" : "incoming");
    if (here && message.senderId !== state.me.id) announce(shown || message);
    markRead();
  });
  socket.on("message_notification", ({ message }) => {
    touchConversation(message, message.conversationId !== state.current || document.hidden);
  });
  socket.on("message_updated", (message) => {
    upsert(message);
    const conversation = state.conversations.get(message.conversationId);
    if (conversation?.lastMessage?.id === message.id) touchConversation(message, false);
  });
  socket.on("message_deleted", ({ conversationId, messageId }) => {
    const message = state.messages.get(messageId);
    if (message) upsert({ ...message, deleted: true, content: null, attachments: [] });
    const conversation = state.conversations.get(conversationId);
    if (conversation?.lastMessage?.id === messageId) {
      conversation.lastMessage = { ...conversation.lastMessage, deleted: true, content: null };
      renderConversations();
    }
  });
  socket.on("messages_read", ({ conversationId, userId, messageIds, upToMessageId, readAt }) => {
    if (conversationId !== state.current || userId === state.me.id) return;
    const upTo = upToMessageId ? state.messages.get(upToMessageId)?.seq : null;
    for (const message of state.messages.values()) {
      const covered = (messageIds || []).includes(message.id) || (upTo && message.seq <= upTo);
      if (covered && !(message.readBy || []).some((r) => r.userId === userId)) {
        message.readBy = [...(message.readBy || []), { userId, readAt }];
      }
    }
    renderMessages();
  });
  socket.on("user_typing", ({ conversationId, userId, isTyping }) => {
    if (isTyping) state.typers.set(userId, conversationId);
    else state.typers.delete(userId);
    showTyping();
  });
  socket.on("user_online", ({ userId }) => {
    state.online.add(userId);
    presenceChanged();
  });
  socket.on("user_offline", ({ userId, lastSeenAt }) => {
    state.online.delete(userId);
    if (lastSeenAt) rememberUser({ id: userId, lastSeenAt });
    presenceChanged();
  });
  // The browser knows sooner than a heartbeat when the network is gone, and when it is back. Closing only the
  // transport (not the socket) keeps the server's session for connection state recovery.
  addEventListener("offline", () => {
    socket.io.engine?.close();
    status("offline", false);
  });
  addEventListener("online", () => socket.connect());
  socket.on("conversation_updated", conversationChanged);
  socket.on("conversation_removed", ({ conversationId }) => conversationRemoved(conversationId));
}

function announce(message) {
  user(message.senderId).then((sender) => {
    $("#announcer").textContent = `${sender.displayName}: ${message.content || messagePreview(message)}`;
  });
}

async function showTyping() {
  const names = [];
  for (const [userId, conversationId] of state.typers) {
    if (conversationId === state.current) names.push((await user(userId)).displayName.split(" ")[0]);
  }
  $("#typing").textContent = !names.length ? "" : names.length === 1 ? `${names[0]} is typing…`
    : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : "Several people are typing…";
}

async function catchUp(conversationId) {
  let after = state.highestSeq.get(conversationId) || 0;
  for (;;) {
    const page = await api("GET", `/conversations/${conversationId}/messages?limit=100&after=${after}`);
    await Promise.all(page.items.map(remember));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  await renderMessages({ mode: "incoming" });
}
