// The conversation list, starting direct chats and groups, opening a conversation, read marks.
import { api } from "./api.js";
import { state, $ } from "./state.js";
import { user, rememberUser, otherParticipant, titleOf } from "./users.js";
import { remember, renderMessages } from "./messages.js";
import { ask } from "./ui/dialog.js";
import { conversationBadges } from "./extensions.js";
import { messagePreview } from "./preview.js";

export async function loadConversations() {
  const page = await api("GET", "/messages/conversations?limit=100");
  state.conversations = new Map(page.items.map((c) => [c.id, c]));
  if (state.socket?.connected) {
    const online = await state.socket.emitWithAck("get_online_users", {});
    state.online = new Set(online.users || []);
  }
  await renderConversations();
}

export async function renderConversations() {
  const list = $("#conversations");
  const sorted = [...state.conversations.values()].sort((a, b) =>
    (b.lastMessage?.createdAt || b.createdAt).localeCompare(a.lastMessage?.createdAt || a.createdAt));
  const items = [];
  for (const conversation of sorted) items.push(await conversationItem(conversation));
  list.replaceChildren(...items);
}

async function conversationItem(conversation) {
  const button = document.createElement("button");
  button.dataset.testid = "conversation";
  button.dataset.conversationId = conversation.id;
  if (conversation.id === state.current) button.classList.add("active");
  const dot = document.createElement("span");
  dot.className = "dot";
  const other = otherParticipant(conversation);
  const online = other && state.online.has(other);
  if (online) dot.classList.add("online");
  dot.dataset.testid = online ? "online-dot" : "offline-dot";
  dot.setAttribute("aria-label", online ? "online" : "offline");
  const name = document.createElement("strong");
  name.textContent = await titleOf(conversation);
  const preview = document.createElement("span");
  preview.className = "preview";
  const last = conversation.lastMessage;
  preview.textContent = last ? messagePreview(last) : "";
  preview.dataset.testid = "conversation-preview";
  button.append(dot, name);
  for (const badge of conversationBadges) {
    const mark = badge(conversation);
    if (mark) button.append(mark);
  }
  button.append(preview);
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
  return item;
}

export function setUpConversationControls() {
  $("#user-search").addEventListener("input", async (event) => {
    const query = event.target.value.trim();
    const list = $("#user-results");
    list.replaceChildren();
    if (query.length < 2) return;
    const found = await api("GET", "/users?limit=10&query=" + encodeURIComponent(query));
    for (const u of found.items) {
      rememberUser(u);
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
    const title = await ask("Group title");
    if (!title) return;
    const names = (await ask("Usernames to add, separated by commas")) || "";
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

  $("#messages").addEventListener("scroll", async (event) => {
    if (event.target.scrollTop > 0 || !state.olderCursor || !state.current || state.loadingOlder) return;
    state.loadingOlder = true;
    const page = await api("GET", `/conversations/${state.current}/messages?limit=50&before=${state.olderCursor}`);
    state.olderCursor = page.nextCursor;
    await Promise.all(page.items.map(remember));
    renderMessages();
    state.loadingOlder = false;
  });

  document.addEventListener("visibilitychange", markRead);
}

export async function openDirect(other) {
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

export async function openConversation(id) {
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
  await Promise.all(page.items.map(remember));
  renderMessages();
  markRead();
  renderConversations();
}

export function touchConversation(message, unread) {
  const conversation = state.conversations.get(message.conversationId);
  if (!conversation) {
    loadConversations();
    return;
  }
  conversation.lastMessage = message;
  if (unread) conversation.unreadCount = (conversation.unreadCount || 0) + 1;
  renderConversations();
}

export function markRead() {
  if (!state.current || document.hidden) return;
  state.socket.emitWithAck("mark_messages_read", { conversationId: state.current }).then(() => {
    const conversation = state.conversations.get(state.current);
    if (conversation) {
      conversation.unreadCount = 0;
      renderConversations();
    }
  });
}

export { user };
