// The Socket.IO connection: live events into the state, catch-up after a reconnect.
import { api } from "./api.js";
import { state, $ } from "./state.js";
import { user } from "./users.js";
import { remember, renderMessages, upsert } from "./messages.js";
import { loadConversations, markRead, renderConversations, touchConversation } from "./conversations.js";
import { flushOutbox } from "./composer.js";

export function connect(token, onUnauthorized) {
  const socket = io({ auth: { token } });
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
    if (error.message === "unauthorized") onUnauthorized();
  });
  socket.on("new_message", async (message) => {
    await upsert(message);
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
    renderMessages();
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

async function showTyping() {
  const names = [];
  for (const [userId, conversationId] of state.typers) {
    if (conversationId === state.current) names.push((await user(userId)).displayName);
  }
  $("#typing").textContent = names.length ? names.join(", ") + (names.length > 1 ? " are" : " is") + " typing…" : "";
}

async function catchUp(conversationId) {
  let after = state.highestSeq.get(conversationId) || 0;
  for (;;) {
    const page = await api("GET", `/conversations/${conversationId}/messages?limit=100&after=${after}`);
    await Promise.all(page.items.map(remember));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  renderMessages();
}
