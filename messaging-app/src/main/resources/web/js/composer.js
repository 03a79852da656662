// The message box: sending through the outbox (kept until the server acknowledges), typing indicators.
import { api } from "./api.js";
import { state, $ } from "./state.js";
import { renderMessages, upsert } from "./messages.js";
import { loadConversations, openConversation, touchConversation } from "./conversations.js";
import { composerActions, outgoingTransforms } from "./extensions.js";
import { notify } from "./ui/dialog.js";

let typingTimer = null;
let typingSent = false;

export function setUpComposer() {
  const slot = $("#composer-actions");
  for (const action of composerActions) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.icon || action.label;
    button.setAttribute("aria-label", action.label);
    button.dataset.testid = "composer-action-" + action.id;
    button.addEventListener("click", () => action.onClick(composerContext()));
    slot.append(button);
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
    await send(body);
  });

  $("#draft").addEventListener("input", () => {
    if (!state.current) return;
    if (!typingSent) {
      state.socket.emit("typing_start", { conversationId: state.current });
      typingSent = true;
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  $("#draft").addEventListener("blur", stopTyping);
}

/** What a composer action gets: the draft, the target conversation and a way to send a message body. */
function composerContext() {
  return {
    draft: () => $("#draft").value,
    setDraft: (text) => { $("#draft").value = text; },
    target: () => (state.current ? { conversationId: state.current } : { recipientId: state.pendingRecipient?.id }),
    send,
  };
}

/** Queues a message body (content, type, attachments...) for the open conversation and sends it. */
export async function send(body) {
  body = { clientMessageId: crypto.randomUUID(), ...body };
  if (state.current) body.conversationId = state.current;
  else body.recipientId = state.pendingRecipient.id;
  const conversation = state.conversations.get(state.current);
  for (const transform of outgoingTransforms) body = await transform(body, conversation);
  state.outbox.set(body.clientMessageId, body);
  if (state.current) {
    state.messages.set("pending:" + body.clientMessageId, { ...body, pending: true, senderId: state.me.id, attachments: [] });
    renderMessages();
  }
  await flushOutbox();
}

export async function flushOutbox() {
  if (!state.socket?.connected) return;
  for (const [clientMessageId, body] of [...state.outbox]) {
    const ack = await state.socket.timeout(10000).emitWithAck("send_message", body).catch(() => null);
    if (!ack) return;
    state.outbox.delete(clientMessageId);
    if (!ack.ok) {
      notify("Not sent: " + ack.error.message);
      state.messages.delete("pending:" + clientMessageId);
      renderMessages();
      continue;
    }
    if (!state.current && state.pendingRecipient) {
      await loadConversations();
      await openConversation(ack.message.conversationId);
    }
    await upsert(ack.message);
    touchConversation(ack.message, false);
  }
}

export function stopTyping() {
  clearTimeout(typingTimer);
  if (typingSent && state.current) state.socket.emit("typing_stop", { conversationId: state.current });
  typingSent = false;
}
