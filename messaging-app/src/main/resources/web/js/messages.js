// The open conversation's messages: keeping them, and the one place that renders a message.
import { api, fetchBlob } from "./api.js";
import { state, $ } from "./state.js";
import { ask, confirmAction } from "./ui/dialog.js";
import { messageRenderers, incomingTransforms } from "./extensions.js";

/** Applies the incoming transforms (decryption, for instance) and keeps the message if it belongs here. */
export async function remember(message) {
  for (const transform of incomingTransforms) message = await transform(message);
  keep(message);
  return message;
}

function keep(message) {
  if (message.conversationId !== state.current) return;
  state.messages.set(message.id, message);
  const seen = state.highestSeq.get(message.conversationId) || 0;
  if (message.seq > seen) state.highestSeq.set(message.conversationId, message.seq);
}

export function renderMessages() {
  const list = $("#messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const sorted = [...state.messages.values()].sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity));
  list.replaceChildren(...sorted.map(renderMessage));
  if (atBottom || sorted.length <= 50) list.scrollTop = list.scrollHeight;
}

function messageBody(message) {
  const custom = messageRenderers.find((renderer) => renderer.matches(message));
  if (custom) return custom.render(message, { state });
  const body = document.createElement("div");
  if (message.deleted) {
    body.className = "deleted";
    body.dataset.testid = "deleted-marker";
    body.textContent = "message deleted";
  } else {
    body.dataset.testid = "message-content";
    body.textContent = message.content || "";
  }
  return body;
}

export function renderMessage(message) {
  const mine = message.senderId === state.me.id;
  const item = document.createElement("li");
  item.className = "message" + (mine ? " mine" : "") + (message.pending ? " pending" : "");
  item.dataset.testid = "message";
  item.dataset.messageId = message.id || "";
  item.append(messageBody(message));
  const ownsAttachments = messageRenderers.find((renderer) => renderer.matches(message))?.ownsAttachments;
  for (const attachment of message.deleted || ownsAttachments ? [] : message.attachments || []) {
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
  for (const [emoji, users] of Object.entries(message.reactions || {})) {
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
      const content = await ask("Edit message", message.content);
      if (content && content !== message.content) upsert(await api("PATCH", "/messages/" + message.id, { content }));
    });
    const remove = document.createElement("button");
    remove.textContent = "Delete";
    remove.dataset.testid = "delete";
    remove.addEventListener("click", async () => {
      if (!(await confirmAction("Delete this message?"))) return;
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
    fetchBlob(attachment.url).then((blob) => { image.src = URL.createObjectURL(blob); });
    return image;
  }
  const link = document.createElement("button");
  link.className = "link";
  link.textContent = "📎 " + (attachment.name || "file") + ` (${Math.ceil(attachment.size / 1024)} KB)`;
  link.addEventListener("click", async () => {
    const url = URL.createObjectURL(await fetchBlob(attachment.url));
    const a = document.createElement("a");
    a.href = url;
    a.download = attachment.name || "file";
    a.click();
  });
  return link;
}

/** Shows a stored message in place of its pending copy (same clientMessageId) or its older version. */
export async function upsert(message) {
  if (message.conversationId !== state.current) return;
  for (const [key, value] of state.messages) {
    if (value.pending && value.clientMessageId && value.clientMessageId === message.clientMessageId) state.messages.delete(key);
  }
  await remember(message);
  renderMessages();
}

async function react(message, emoji) {
  const mine = (message.reactions?.[emoji] || []).includes(state.me.id);
  upsert(await api(mine ? "DELETE" : "PUT", `/messages/${message.id}/reactions/${encodeURIComponent(emoji)}`));
}
