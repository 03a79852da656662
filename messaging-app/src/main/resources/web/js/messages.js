// The open conversation's messages: keeping them, laying them out by day and sender, and renderMessage, the one
// place that renders a message.
import { api, fetchBlob, sentence } from "./api.js";
import { state, $ } from "./state.js";
import { ensureUsers, knownUser, nameOf } from "./users.js";
import { messageRenderers, incomingTransforms } from "./extensions.js";
import { avatar, colourOf } from "./ui/avatar.js";
import { h, icon, iconButton } from "./ui/dom.js";
import { confirmAction } from "./ui/dialog.js";
import { toast } from "./ui/toast.js";
import { clock, dayKey, dayLabel, fullDateTime } from "./format.js";
import { openEmojiPicker, reactionChips } from "./reactions.js";
import { startEdit, startReply } from "./composer.js";
import { loadOlder } from "./conversations.js";

const blobUrls = new Map();
let renderGeneration = 0;
const RUN_GAP_MS = 5 * 60 * 1000;

/** Applies the incoming transforms (decryption, for instance) and keeps the message if it belongs here. */
export async function remember(message) {
  for (const transform of incomingTransforms) message = await transform(message);
  if (message.conversationId !== state.current) return message;
  state.messages.set(message.id, message);
  const seen = state.highestSeq.get(message.conversationId) || 0;
  if (message.seq > seen) state.highestSeq.set(message.conversationId, message.seq);
  return message;
}

function sortedMessages() {
  return [...state.messages.values()].sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity)
    || (a.createdAt || "").localeCompare(b.createdAt || ""));
}

function startsRun(previous, message) {
  if (!previous || previous.senderId !== message.senderId) return true;
  if (dayKey(previous.createdAt) !== dayKey(message.createdAt)) return true;
  return new Date(message.createdAt || Date.now()) - new Date(previous.createdAt || Date.now()) > RUN_GAP_MS;
}

/**
 * Renders the open conversation. `mode`: "open" (to the "new messages" line, or the end), "older" (an older
 * page came in: keep what is on screen in place), "mine" (own message: to the end), else stay at the end if
 * there already, or offer a jump to new messages.
 */
export async function renderMessages({ mode } = {}) {
  const generation = ++renderGeneration;
  const list = $("#messages");
  const sorted = sortedMessages();
  const replied = sorted.map((m) => state.messages.get(m.replyToId)?.senderId);
  const reactors = sorted.flatMap((m) => Object.values(m.reactions || {}).flat());
  await ensureUsers([...sorted.map((m) => m.senderId), ...replied, ...reactors]);
  if (generation !== renderGeneration) return;
  if (!state.current && state.pendingRecipient && !sorted.length) return;
  const group = state.conversations.get(state.current)?.type === "group";
  const distanceFromEnd = list.scrollHeight - list.scrollTop - list.clientHeight;
  const previousHeight = list.scrollHeight;
  const previousTop = list.scrollTop;

  const nodes = [];
  if (state.olderCursor) nodes.push(h("li", { class: "older-status", text: "Scroll up for earlier messages" }));
  let previous = null;
  for (const message of sorted) {
    if (!previous || dayKey(previous.createdAt) !== dayKey(message.createdAt)) {
      nodes.push(h("li", { class: "day", testid: "day-separator" }, h("span", { text: dayLabel(message.createdAt) })));
      previous = null;
    }
    if (state.unreadFrom === message.id) nodes.push(h("li", { class: "unread-divider", testid: "unread-divider", text: "New messages" }));
    nodes.push(renderMessage(message, { group, first: startsRun(previous, message) }));
    previous = message;
  }
  list.replaceChildren(...nodes);

  if (mode === "older") {
    list.scrollTop = list.scrollHeight - previousHeight + previousTop;
  } else if (mode === "open") {
    const divider = list.querySelector(".unread-divider");
    if (divider) divider.scrollIntoView({ block: "start" });
    else list.scrollTop = list.scrollHeight;
  } else if (mode === "mine" || distanceFromEnd < 80) {
    list.scrollTop = list.scrollHeight;
  } else if (mode === "incoming") {
    $("#jump-latest").hidden = false;
  }
}

function messageBody(message) {
  if (message.deleted) return h("div", { class: "deleted", testid: "deleted-marker", text: "This message was deleted" });
  const custom = messageRenderers.find((renderer) => renderer.matches(message));
  const nodes = [];
  if (!custom?.ownsAttachments) for (const attachment of message.attachments || []) nodes.push(renderAttachment(attachment));
  if (custom) return [...nodes, custom.render(message, { state })];
  if (message.content) nodes.push(h("div", { class: "content", testid: "message-content", text: message.content }));
  else if (!nodes.length) nodes.push(h("div", { class: "content", testid: "message-content", text: "" }));
  return nodes;
}

function quoteOf(message) {
  if (!message.replyToId) return null;
  const original = state.messages.get(message.replyToId);
  const text = !original ? "Earlier message" : original.deleted ? "This message was deleted"
    : original.content || (original.attachments?.[0]?.name ? "📎 " + original.attachments[0].name : "Attachment");
  return h("button", { type: "button", class: "quote", testid: "reply-quote", dataset: { replyTo: message.replyToId },
    title: "Show the message this replies to",
    onClick: (event) => {
      event.stopPropagation();
      jumpTo(message.replyToId);
    } },
  h("strong", { text: original ? nameOf(original.senderId) : "Reply" }),
  h("span", { text }));
}

function metaOf(message, mine) {
  const meta = h("span", { class: "meta" });
  if (message.editedAt && !message.deleted) meta.append(h("span", { testid: "edited-marker", text: "edited" }));
  if (message.pending) {
    meta.append(h("span", { testid: "pending-marker", text: message.waiting ? "Waiting for connection" : "Sending…" }));
    return meta;
  }
  meta.append(h("time", { datetime: message.createdAt, title: fullDateTime(message.createdAt), text: clock(message.createdAt) }));
  if (mine && !message.deleted) {
    const readers = (message.readBy || []).filter((r) => r.userId !== state.me.id);
    const read = readers.length > 0;
    meta.append(h("span", {
      class: "ticks" + (read ? " read" : ""), testid: read ? "read-ticks" : "sent-tick",
      role: "img", "aria-label": read ? "Read by " + readers.map((r) => nameOf(r.userId)).join(", ") : "Sent",
      title: read ? "Read by " + readers.map((r) => nameOf(r.userId)).join(", ") : "Sent",
      text: read ? "✓✓" : "✓",
    }));
  }
  return meta;
}

function actionsOf(message, mine) {
  if (message.pending || message.deleted) return null;
  const actions = h("div", { class: "actions", role: "toolbar", "aria-label": "Message actions" },
    iconButton("smile", "React", (event) => openEmojiPicker(message, event.currentTarget), { testid: "react" }),
    iconButton("reply", "Reply", () => startReply(message), { testid: "reply" }));
  // Nothing is edited in an encrypted conversation: an encrypted message keeps the envelopes it was sent with, and
  // a plain one from before encryption was turned on would put plaintext into it.
  if (mine && editable(message)) actions.append(iconButton("edit", "Edit", () => startEdit(message), { testid: "edit" }));
  if (mine) actions.append(iconButton("trash", "Delete", () => deleteMessage(message), { testid: "delete", class: "danger" }));
  return actions;
}

/** Whether the server takes an edit of this (own) message: not in an encrypted conversation. */
export function editable(message) {
  return message.type !== "encrypted" && !state.conversations.get(message.conversationId)?.encrypted;
}

/** The one place that renders a message: sender, quote, body, time, ticks, reactions, actions. */
export function renderMessage(message, { group = false, first = true } = {}) {
  const mine = message.senderId === state.me.id;
  const sender = knownUser(message.senderId);
  const item = h("li", {
    class: ["message", mine ? "mine" : "theirs", first ? "first" : "", message.pending ? "pending" : "",
      state.highlight === message.id ? "highlight" : "", state.selected === message.id ? "selected" : ""].join(" "),
    testid: "message",
    dataset: { messageId: message.pending ? "" : message.id, senderId: message.senderId },
  });
  if (group && !mine) {
    item.append(h("span", { class: "avatar-slot" }, first ? avatar(sender.displayName, sender.id, { size: "small" }) : null));
  }
  const column = h("div", { class: "message-column" });
  if (group && !mine && first) {
    column.append(h("span", { class: "sender " + colourOf(sender.id), testid: "message-sender", text: sender.displayName }));
  }
  const bubble = h("div", { class: "bubble" },
    h("span", { class: "visually-hidden", text: (mine ? "You" : sender.displayName) + ": " }),
    quoteOf(message), messageBody(message), metaOf(message, mine));
  bubble.addEventListener("click", () => {
    state.selected = state.selected === message.id ? null : message.id;
    for (const other of document.querySelectorAll(".message.selected")) other.classList.remove("selected");
    if (state.selected) item.classList.add("selected");
  });
  column.append(bubble);
  const chips = message.deleted ? null : reactionChips(message);
  if (chips) column.append(chips);
  item.append(column);
  const actions = actionsOf(message, mine);
  if (actions) item.append(actions);
  return item;
}

/** An image shown inline or a file to download; `url()` gives its blob URL (the download, or its decryption). */
export function renderAttachment(attachment, url = () => blobUrl(attachment)) {
  const name = attachment.name || "file";
  if ((attachment.contentType || "").startsWith("image/")) {
    const image = h("img", { class: "attachment-image", alt: name, testid: "image-preview" });
    url().then((address) => { image.src = address; }).catch(() => { image.alt = name + " (not available)"; });
    return image;
  }
  const size = attachment.size ? ` · ${Math.max(1, Math.ceil(attachment.size / 1024))} KB` : "";
  return h("button", { type: "button", class: "attachment-file", testid: "attachment",
    onClick: async (event) => {
      event.stopPropagation();
      const a = h("a", { href: await url(), download: name });
      a.click();
    } }, icon("file"), h("span", { text: name + size }));
}

function blobUrl(attachment) {
  if (!blobUrls.has(attachment.id)) blobUrls.set(attachment.id, fetchBlob(attachment.url).then((blob) => URL.createObjectURL(blob)));
  return blobUrls.get(attachment.id);
}

/** Shows a stored message in place of its pending copy (same clientMessageId) or its older version; returns it as shown. */
export async function upsert(message, mode) {
  if (message.conversationId !== state.current) return null;
  if (message.clientMessageId) state.messages.delete("pending:" + message.clientMessageId);
  const shown = await remember(message);
  await renderMessages({ mode });
  return shown;
}

async function deleteMessage(message) {
  const ok = await confirmAction("It will be removed for everyone in this conversation.",
    { title: "Delete this message?", confirmLabel: "Delete", danger: true });
  if (!ok) return;
  try {
    await api("DELETE", "/messages/" + message.id);
    await upsert({ ...message, deleted: true, content: null, attachments: [] });
  } catch (error) {
    toast("Not deleted: " + sentence(error.message), { error: true });
  }
}

/** Scrolls to a message (loading older pages until it is there) and highlights it for a moment. */
export async function jumpTo(messageId) {
  for (let pages = 0; !state.messages.has(messageId) && pages < 20; pages++) {
    if (!(await loadOlder())) break;
  }
  if (!state.messages.has(messageId)) {
    toast("That message is too far back to show.");
    return;
  }
  state.highlight = messageId;
  await renderMessages({ mode: "keep" });
  const element = document.querySelector(`.message[data-message-id="${CSS.escape(messageId)}"]`);
  element?.scrollIntoView({ block: "center" });
  setTimeout(() => {
    if (state.highlight === messageId) {
      state.highlight = null;
      element?.classList.remove("highlight");
    }
  }, 2500);
}
