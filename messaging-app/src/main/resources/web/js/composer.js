// The message box: Enter sends, Shift+Enter starts a line, Esc cancels a reply or an edit, Up edits the last
// message. Sends go through the outbox (kept in localStorage until the server acknowledges them, retried when
// the connection comes back); a failed send keeps the text and says why.
import { api, sentence } from "./api.js";
import { state, $, narrow } from "./state.js";
import { nameOf } from "./users.js";
import { editable, renderMessages, upsert } from "./messages.js";
import { loadConversations, navigate, pendingMessage, touchConversation } from "./conversations.js";
import { composerActions, outgoingTransforms, uploadTransforms } from "./extensions.js";
import { h, hasIcon, icon } from "./ui/dom.js";
import { toast } from "./ui/toast.js";

let typingTimer = null;
let typingSent = false;
let savedDraft = "";
let flushing = false;
const actionButtons = new Map();
/** What was typed for each unsent message, for the box when it is refused (an encrypted body has no content). */
const typed = new Map();

const draft = () => $("#draft");
const fileInput = () => $("#file");

function outboxKey() {
  return "messaging.outbox." + state.me.id;
}

function saveOutbox() {
  localStorage.setItem(outboxKey(), JSON.stringify([...state.outbox.values()]));
}

export function loadOutbox() {
  try {
    for (const entry of JSON.parse(localStorage.getItem(outboxKey())) || []) state.outbox.set(entry.body.clientMessageId, entry);
  } catch (error) {
    localStorage.removeItem(outboxKey());
  }
}

function showError(message) {
  const error = $("#composer-error");
  error.textContent = message || "";
  error.hidden = !message;
}

function autosize() {
  const input = draft();
  input.style.height = "";
  if (input.value && input.scrollHeight) input.style.height = Math.min(input.scrollHeight + 2, 160) + "px";
}

function showContext(title, quote) {
  $("#composer-context").hidden = !title;
  $("#composer-context-title").textContent = title || "";
  $("#composer-context-quote").textContent = quote || "";
}

function showFile() {
  const file = fileInput().files[0];
  $("#composer-file-chip").hidden = !file;
  $("#composer-file-name").textContent = file ? `${file.name} · ${Math.max(1, Math.ceil(file.size / 1024))} KB` : "";
}

export function resetComposer() {
  stopTyping();
  state.replyTo = null;
  state.editing = null;
  draft().value = "";
  fileInput().value = "";
  showFile();
  showContext(null);
  showError(null);
  autosize();
}

/** Shows the composer actions that the open conversation allows (no "Send later" where it is encrypted). */
export function refreshComposerActions() {
  const conversation = state.conversations.get(state.current);
  for (const [action, button] of actionButtons) button.hidden = action.available ? !action.available(conversation) : false;
}

export function showComposer() {
  refreshComposerActions();
  $("#composer").hidden = false;
  if (!narrow()) draft().focus();
}

export function startReply(message) {
  if (state.editing) cancelContext();
  state.replyTo = message;
  showContext("Replying to " + nameOf(message.senderId), message.content || "Attachment");
  draft().focus();
}

export function startEdit(message) {
  if (!state.editing) savedDraft = draft().value;
  state.replyTo = null;
  state.editing = message;
  showContext("Editing message", message.content);
  draft().value = message.content || "";
  autosize();
  draft().focus();
  draft().setSelectionRange(draft().value.length, draft().value.length);
}

function cancelContext() {
  if (state.editing) {
    draft().value = savedDraft;
    savedDraft = "";
    autosize();
  }
  state.editing = null;
  state.replyTo = null;
  showContext(null);
  showError(null);
}

/** Esc in the composer: cancel a reply or an edit. Returns whether there was one. */
export function cancelComposerContext() {
  if (!state.editing && !state.replyTo) return false;
  cancelContext();
  return true;
}

function uploadProblem(error, file) {
  if (error.status === 415) return `“${file.name}” was not sent: files of type ${file.type || "unknown"} are not accepted here.`;
  if (error.status === 413) return `“${file.name}” was not sent: it is larger than this server accepts.`;
  if (error.code === "network") return `“${file.name}” was not sent: the server cannot be reached. Try again.`;
  return `“${file.name}” was not sent: ${sentence(error.message)}`;
}

async function saveEdit(content) {
  const message = state.editing;
  if (!content) {
    showError("A message cannot be empty: delete it instead.");
    return;
  }
  if (content === message.content) {
    cancelContext();
    return;
  }
  try {
    const updated = await api("PATCH", "/messages/" + message.id, { content });
    cancelContext();
    await upsert(updated);
  } catch (error) {
    showError("Not saved: " + sentence(error.message));
  }
}

async function submit() {
  showError(null);
  const content = draft().value.trim();
  const file = fileInput().files[0];
  if (state.editing) return saveEdit(content);
  if (!content && !file) return;
  if (!state.current && !state.pendingRecipient) {
    showError("Choose a conversation first.");
    return;
  }
  const body = { content };
  let attachments = [];
  if (file) {
    const send = $("[data-testid=composer-send]");
    send.disabled = true;
    try {
      const prepared = await prepareUpload(file);
      const uploaded = await api("POST", "/attachments", undefined, prepared.blob);
      body.type = file.type.startsWith("image/") ? "image" : "file";
      body.attachments = [{ id: uploaded.id, name: file.name, ...prepared.attachment }];
      attachments = [{ ...uploaded, name: file.name }];
    } catch (error) {
      showError(uploadProblem(error, file));
      return;
    } finally {
      send.disabled = false;
    }
  }
  if (state.replyTo) body.replyToId = state.replyTo.id;
  stopTyping();
  draft().value = "";
  fileInput().value = "";
  showFile();
  state.replyTo = null;
  showContext(null);
  autosize();
  await send(body, attachments);
}

/** The file as it is uploaded: as it is, or as an upload transform (encryption) makes it. */
async function prepareUpload(file) {
  const conversation = state.conversations.get(state.current);
  for (const transform of uploadTransforms) {
    const prepared = await transform(file, conversation);
    if (prepared) return prepared;
  }
  return { blob: file, attachment: {} };
}

/** Queues a message body (content, type, attachments...) for the open conversation and sends it. */
export async function send(body, attachments = []) {
  body = { clientMessageId: crypto.randomUUID(), ...body };
  if (state.current) body.conversationId = state.current;
  else body.recipientId = state.pendingRecipient.id;
  const conversation = state.conversations.get(state.current);
  typed.set(body.clientMessageId, body.content);
  try {
    for (const transform of outgoingTransforms) body = await transform(body, conversation);
  } catch (error) {
    typed.delete(body.clientMessageId);
    refused({ body }, { message: error.message });
    return;
  }
  const entry = { body, attachments, createdAt: new Date().toISOString(), waiting: !state.socket?.connected };
  state.outbox.set(body.clientMessageId, entry);
  saveOutbox();
  if (state.current || state.pendingRecipient) {
    state.messages.set("pending:" + body.clientMessageId, pendingMessage(entry));
    await renderMessages({ mode: "mine" });
  }
  await flushOutbox();
}

/** Sends what the outbox holds, in order; stops at the first that gets no answer (to be retried on reconnect). */
export async function flushOutbox() {
  if (flushing || !state.socket?.connected) return;
  flushing = true;
  try {
    for (const [clientMessageId, entry] of [...state.outbox]) {
      const ack = await state.socket.timeout(10000).emitWithAck("send_message", entry.body).catch(() => null);
      if (!ack) {
        markWaiting();
        return;
      }
      state.outbox.delete(clientMessageId);
      saveOutbox();
      const text = typed.get(clientMessageId);
      typed.delete(clientMessageId);
      if (!ack.ok) {
        refused(entry, ack.error, text);
        continue;
      }
      if (!state.current && state.pendingRecipient?.id === entry.body.recipientId) {
        await loadConversations();
        navigate(ack.message.conversationId);
      }
      await upsert(ack.message, "mine");
      touchConversation(ack.message, false);
    }
  } finally {
    flushing = false;
  }
}

function markWaiting() {
  let changed = false;
  for (const entry of state.outbox.values()) {
    if (!entry.waiting) changed = entry.waiting = true;
  }
  if (!changed) return;
  saveOutbox();
  for (const entry of state.outbox.values()) {
    const key = "pending:" + entry.body.clientMessageId;
    if (state.messages.has(key)) state.messages.set(key, pendingMessage(entry));
  }
  renderMessages();
}

/** The server refused a message: it leaves the list, and its text goes back into the box with the reason. */
function refused(entry, error, text = entry.body.content) {
  state.messages.delete("pending:" + entry.body.clientMessageId);
  renderMessages();
  const reason = sentence(error?.message || error?.code || "refused");
  const here = entry.body.conversationId === state.current || (!state.current && entry.body.recipientId === state.pendingRecipient?.id);
  if (here && !draft().value.trim()) {
    draft().value = text || "";
    autosize();
    showError("Not sent: " + reason + " Your text is back in the box.");
  } else if (here) {
    showError("Not sent: " + reason);
  } else {
    toast("A message was not sent: " + reason, { error: true });
  }
}

function lastOwnMessage() {
  return [...state.messages.values()].filter((m) => m.senderId === state.me.id && !m.pending && !m.deleted && m.content
    && editable(m))
    .sort((a, b) => b.seq - a.seq)[0];
}

export function setUpComposer() {
  const slot = $("#composer-actions");
  for (const action of composerActions) {
    const button = h("button", { type: "button", class: "icon-button", "aria-label": action.label, title: action.label,
      testid: "composer-action-" + action.id, onClick: () => action.onClick(composerContext()) },
    action.icon instanceof Node ? action.icon : hasIcon(action.icon) ? icon(action.icon) : action.icon || action.label);
    actionButtons.set(action, button);
    slot.append(button);
  }
  $("#composer").addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  draft().addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && cancelComposerContext()) {
      event.preventDefault();
      event.stopPropagation();
    } else if (event.key === "ArrowUp" && !draft().value && !state.editing) {
      const last = lastOwnMessage();
      if (last) {
        event.preventDefault();
        startEdit(last);
      }
    }
  });
  draft().addEventListener("input", () => {
    autosize();
    if (!state.current || state.editing) return;
    if (!typingSent) {
      state.socket?.emit("typing_start", { conversationId: state.current });
      typingSent = true;
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  draft().addEventListener("blur", stopTyping);
  fileInput().addEventListener("change", () => {
    showError(null);
    showFile();
  });
  $("#composer-file-remove").addEventListener("click", () => {
    fileInput().value = "";
    showFile();
    draft().focus();
  });
  $("#composer-context-cancel").addEventListener("click", () => {
    cancelContext();
    draft().focus();
  });
}

/** What a composer action gets: the draft, the target conversation and a way to send a message body. */
function composerContext() {
  return {
    draft: () => draft().value,
    setDraft: (text) => {
      draft().value = text;
      autosize();
    },
    target: () => (state.current ? { conversationId: state.current } : { recipientId: state.pendingRecipient?.id }),
    send,
    showError,
  };
}

export function stopTyping() {
  clearTimeout(typingTimer);
  if (typingSent && state.current) state.socket?.emit("typing_stop", { conversationId: state.current });
  typingSent = false;
}
