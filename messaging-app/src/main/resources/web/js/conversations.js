// The conversation list, the address of the open conversation (#/c/<id>), opening and closing one, read marks.
import { api } from "./api.js";
import { state, $, narrow } from "./state.js";
import { ensureUsers, knownUser, nameOf, otherParticipant, titleNow, user } from "./users.js";
import { jumpTo, remember, renderMessages } from "./messages.js";
import { conversationBadges } from "./extensions.js";
import { avatar } from "./ui/avatar.js";
import { h } from "./ui/dom.js";
import { toast } from "./ui/toast.js";
import { lastSeen, shortTime } from "./format.js";
import { messagePreview } from "./preview.js";
import { refreshComposerActions, resetComposer, showComposer } from "./composer.js";
import { refreshInfo } from "./groups.js";

let listGeneration = 0;
let openGeneration = 0;

export async function loadConversations() {
  const page = await api("GET", "/messages/conversations?limit=100");
  state.conversations = new Map(page.items.map((c) => [c.id, c]));
  await refreshOnline();
  await renderConversations();
}

/** Who is online among the people the user shares a conversation with (new ones come with a new conversation). */
async function refreshOnline() {
  if (!state.socket?.connected) return;
  const online = await state.socket.timeout(5000).emitWithAck("get_online_users", {}).catch(() => null);
  if (online?.ok) state.online = new Set(online.users || []);
}

function activityOf(conversation) {
  return conversation.lastMessage?.createdAt || conversation.lastMessageAt || conversation.createdAt;
}

export function previewOf(conversation) {
  const last = conversation.lastMessage;
  if (!last) return conversation.type === "group" ? "Group created" : "No messages yet";
  const text = messagePreview(last);
  if (last.senderId === state.me.id) return "You: " + text;
  if (conversation.type === "group") return knownUser(last.senderId).displayName.split(" ")[0] + ": " + text;
  return text;
}

export function conversationAvatar(conversation, size = "") {
  if (conversation.type === "group") return avatar(conversation.title, conversation.id, { size, group: true });
  const other = otherParticipant(conversation);
  return avatar(knownUser(other).displayName, other, { size, presence: state.online.has(other) });
}

function badgesOf(conversation) {
  return conversationBadges.map((badge) => badge(conversation)).filter(Boolean);
}

export async function renderConversations() {
  const generation = ++listGeneration;
  const conversations = [...state.conversations.values()];
  await ensureUsers(conversations.flatMap((c) => [otherParticipant(c), c.lastMessage?.senderId]));
  if (generation !== listGeneration) return;
  const sorted = conversations.sort((a, b) => activityOf(b).localeCompare(activityOf(a)));
  $("#conversations").replaceChildren(...sorted.map(conversationItem));
  $("#conversations-empty").hidden = sorted.length > 0;
  const unread = sorted.reduce((sum, c) => sum + (c.unreadCount || 0), 0);
  document.title = (unread ? `(${unread}) ` : "") + "Messaging";
}

function conversationItem(conversation) {
  const unread = conversation.unreadCount > 0;
  const button = h("button", {
    type: "button",
    class: "row-button" + (conversation.id === state.current ? " active" : "") + (unread ? " unread" : ""),
    testid: "conversation",
    dataset: { conversationId: conversation.id },
    "aria-current": conversation.id === state.current ? "page" : null,
    onClick: () => navigate(conversation.id),
  },
  conversationAvatar(conversation),
  h("span", { class: "row-main" },
    h("span", { class: "row-top" },
      h("span", { class: "row-title", testid: "conversation-title", text: titleNow(conversation) }),
      ...badgesOf(conversation),
      h("time", { class: "row-time", datetime: activityOf(conversation), text: shortTime(activityOf(conversation)) })),
    h("span", { class: "row-bottom" },
      h("span", { class: "row-preview", testid: "conversation-preview", text: previewOf(conversation) }),
      unread ? h("span", { class: "badge", testid: "unread-badge", "aria-label": conversation.unreadCount + " unread", text: String(conversation.unreadCount) }) : null)));
  return h("li", {}, button);
}

/** Opens a conversation through the address, so that reload, back and a new tab keep it. */
export function navigate(id) {
  const target = id ? "#/c/" + encodeURIComponent(id) : "#/";
  if (location.hash === target) route();
  else location.hash = target;
}

export function route() {
  const match = location.hash.match(/^#\/c\/(.+)$/);
  if (match) {
    const id = decodeURIComponent(match[1]);
    if (id !== state.current) openConversation(id);
    else document.getElementById("app").classList.add("show-pane");
  } else {
    closeConversation();
  }
}

export function setUpConversations() {
  addEventListener("hashchange", route);
  $("#back").addEventListener("click", () => navigate(null));
  document.addEventListener("visibilitychange", markRead);
  $("#messages").addEventListener("scroll", () => {
    const list = $("#messages");
    if (list.scrollTop < 120) loadOlder();
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 60) $("#jump-latest").hidden = true;
  });
  $("#jump-latest").addEventListener("click", () => {
    const list = $("#messages");
    list.scrollTop = list.scrollHeight;
    $("#jump-latest").hidden = true;
  });
  // Relative times ("5 min") move on.
  setInterval(() => state.me && renderConversations(), 60000);
}

/** Loads the page before the oldest loaded message, keeping what is on screen where it is. */
export async function loadOlder() {
  if (!state.olderCursor || !state.current || state.loadingOlder) return false;
  state.loadingOlder = true;
  const conversationId = state.current;
  try {
    const page = await api("GET", `/conversations/${conversationId}/messages?limit=50&before=${state.olderCursor}`);
    if (conversationId !== state.current) return false;
    state.olderCursor = page.nextCursor;
    await Promise.all(page.items.map(remember));
    await renderMessages({ mode: "older" });
    return true;
  } finally {
    state.loadingOlder = false;
  }
}

function showPane(visible) {
  $("#welcome").hidden = visible;
  $("#pane-header").hidden = !visible;
  $("#message-area").hidden = !visible;
  $("#composer").hidden = !visible;
  document.getElementById("app").classList.toggle("show-pane", visible);
}

export function closeConversation() {
  openGeneration++;
  if (state.current) state.socket?.emit("leave_conversation", { conversationId: state.current });
  state.current = null;
  state.pendingRecipient = null;
  state.messages = new Map();
  resetComposer();
  showPane(false);
  $("#typing").textContent = "";
  refreshInfo();
  renderConversations();
}

function startFresh() {
  state.messages = new Map();
  state.olderCursor = null;
  state.unreadFrom = null;
  state.highlight = null;
  state.selected = null;
  $("#messages").replaceChildren();
  $("#typing").textContent = "";
  $("#jump-latest").hidden = true;
  resetComposer();
}

/** Starts a direct chat with someone: the existing conversation, or an empty one that the first message creates. */
export async function openDirect(other) {
  const existing = [...state.conversations.values()].find((c) => c.type === "direct" && otherParticipant(c) === other.id);
  if (existing) return navigate(existing.id);
  if (location.hash.startsWith("#/c/")) history.pushState(null, "", "#/");
  if (state.current) state.socket?.emit("leave_conversation", { conversationId: state.current });
  openGeneration++;
  state.current = null;
  state.pendingRecipient = other;
  startFresh();
  showPane(true);
  renderHeader();
  $("#messages").replaceChildren(h("li", { class: "empty-state", testid: "new-chat-hint" },
    h("p", { class: "empty-title", text: `Say hello to ${other.displayName}` }),
    h("p", { text: "Your first message starts the conversation." })));
  showComposer();
  renderConversations();
}

export async function openConversation(id, { jump } = {}) {
  const generation = ++openGeneration;
  if (state.current && state.current !== id) state.socket?.emit("leave_conversation", { conversationId: state.current });
  state.current = id;
  state.pendingRecipient = null;
  startFresh();
  showPane(true);
  let conversation = state.conversations.get(id);
  try {
    if (!conversation) {
      conversation = await api("GET", "/conversations/" + encodeURIComponent(id));
      state.conversations.set(id, { ...conversation, unreadCount: 0 });
    }
    await ensureUsers(conversation.participantIds);
    if (generation !== openGeneration) return;
    renderHeader();
    renderConversations();
    if (state.socket?.connected) await state.socket.timeout(5000).emitWithAck("join_conversation", { conversationId: id }).catch(() => null);
    const page = await api("GET", `/conversations/${encodeURIComponent(id)}/messages?limit=50`);
    if (generation !== openGeneration) return;
    state.olderCursor = page.nextCursor;
    await Promise.all(page.items.map(remember));
    addPendingFromOutbox();
    state.unreadFrom = firstUnread(conversation.unreadCount || 0);
  } catch (error) {
    if (generation !== openGeneration) return;
    toast(error.status === 404 ? "That conversation does not exist or you are not in it." : "The conversation could not be opened.", { error: true });
    navigate(null);
    return;
  }
  await renderMessages({ mode: "open" });
  showComposer();
  markRead();
  refreshInfo();
  if (jump) await jumpTo(jump);
}

function addPendingFromOutbox() {
  for (const entry of state.outbox.values()) {
    if (entry.body.conversationId === state.current) {
      state.messages.set("pending:" + entry.body.clientMessageId, pendingMessage(entry));
    }
  }
}

export function pendingMessage(entry) {
  return { ...entry.body, id: "pending:" + entry.body.clientMessageId, pending: true, waiting: entry.waiting,
    senderId: state.me.id, attachments: entry.attachments || [], createdAt: entry.createdAt, readBy: [], reactions: {} };
}

/** The id of the first of the last `count` messages from others, where the "new messages" line goes. */
function firstUnread(count) {
  if (count <= 0) return null;
  const theirs = [...state.messages.values()].filter((m) => m.senderId !== state.me.id && !m.pending)
    .sort((a, b) => a.seq - b.seq);
  if (!theirs.length) return null;
  return theirs[Math.max(0, theirs.length - count)].id;
}

/** The header of the open conversation: avatar, title, who is online, badges. */
export function renderHeader() {
  const conversation = state.conversations.get(state.current);
  const title = $("#pane-title");
  const subtitle = $("#pane-subtitle");
  if (!conversation) {
    const other = state.pendingRecipient;
    if (!other) return;
    $("#pane-avatar").replaceChildren(avatar(other.displayName, other.id, { presence: state.online.has(other.id) }));
    title.textContent = other.displayName;
    subtitle.textContent = "@" + other.username;
    subtitle.classList.remove("online");
    $("#pane-badges").replaceChildren();
    return;
  }
  $("#pane-avatar").replaceChildren(conversationAvatar(conversation));
  title.textContent = titleNow(conversation);
  $("#pane-badges").replaceChildren(...badgesOf(conversation));
  refreshComposerActions();
  if (conversation.type === "group") {
    const online = conversation.participantIds.filter((id) => id !== state.me.id && state.online.has(id)).length;
    const count = conversation.participantIds.length;
    subtitle.textContent = `${count} member${count === 1 ? "" : "s"}` + (online ? ` · ${online} online` : "");
    subtitle.classList.remove("online");
  } else {
    const other = otherParticipant(conversation);
    const isOnline = state.online.has(other);
    subtitle.textContent = isOnline ? "Online" : lastSeen(knownUser(other).lastSeenAt);
    subtitle.classList.toggle("online", isOnline);
  }
  $("#pane").setAttribute("aria-label", titleNow(conversation));
}

export function touchConversation(message, unread) {
  const conversation = state.conversations.get(message.conversationId);
  if (!conversation) {
    loadConversations();
    return;
  }
  if (!conversation.lastMessage || (message.seq || 0) >= (conversation.lastMessage.seq || 0)) conversation.lastMessage = message;
  if (unread) conversation.unreadCount = (conversation.unreadCount || 0) + 1;
  renderConversations();
}

/** A conversation created or changed (members, title): from the server's conversation_updated event. */
export function conversationChanged(changed) {
  const existing = state.conversations.get(changed.id);
  state.conversations.set(changed.id, { unreadCount: 0, ...existing, ...changed });
  refreshOnline().then(presenceChanged);
  if (changed.id === state.current) {
    ensureUsers(changed.participantIds).then(() => {
      renderHeader();
      refreshInfo();
    });
  }
}

export function conversationRemoved(conversationId) {
  const conversation = state.conversations.get(conversationId);
  state.conversations.delete(conversationId);
  if (conversationId === state.current) {
    if (conversation) toast(`You are no longer in “${titleNow(conversation)}”.`);
    navigate(null);
  }
  renderConversations();
}

export function markRead() {
  if (!state.current || document.hidden || !state.socket?.connected) return;
  const conversation = state.conversations.get(state.current);
  state.socket.timeout(5000).emitWithAck("mark_messages_read", { conversationId: state.current }).then(() => {
    if (conversation) {
      conversation.unreadCount = 0;
      renderConversations();
    }
  }).catch(() => {});
}

export function presenceChanged() {
  renderConversations();
  renderHeader();
  refreshInfo();
}

export { user, nameOf, narrow };
