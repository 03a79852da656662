// Scheduled messages: "Send later" beside Send (a date and time, with quick choices: in 1 hour, tomorrow 9:00),
// and above the message box the open conversation's messages the user scheduled, each with edit and cancel.
// When one is sent it arrives like any other message; one that could not be sent stays listed with the reason.
import { api } from "../api.js";
import { state, $ } from "../state.js";
import { registerComposerAction } from "../extensions.js";
import { h } from "../ui/dom.js";

const FAILURES = {
  not_participant: "you are no longer in this conversation",
  recipient_unavailable: "the recipient's account is no longer available",
};

let items = [];
let refreshTimer = null;

const element = (tag, className, testid, text) => h(tag, { class: className, testid, text });
const button = (label, testid, text, onClick) => h("button", { type: "button", "aria-label": label, testid, text,
  onClick });

const pad = (n) => String(n).padStart(2, "0");

/** A date as the value of a datetime-local input (local time, to the second). */
function toLocalInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function inOneHour() {
  return new Date(Date.now() + 60 * 60 * 1000);
}

function tomorrowAtNine() {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date;
}

function formatWhen(iso) {
  return new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** Whether a scheduled message goes to the conversation (or the not yet started chat) that is open. */
function belongsHere(item) {
  if (state.current) {
    if (item.conversationId === state.current) return true;
    const conversation = state.conversations.get(state.current);
    return conversation?.type === "direct" && item.recipientId !== null
      && conversation.participantIds.includes(item.recipientId);
  }
  return Boolean(state.pendingRecipient) && item.recipientId === state.pendingRecipient.id;
}

/** Reloads the user's scheduled messages and shows the open conversation's. */
async function refresh() {
  if (!state.me) return;
  const all = await api("GET", "/scheduled-messages?status=all").catch(() => null);
  if (!all) return;
  items = all.items.filter((item) => item.status === "scheduled" || item.status === "failed");
  renderList();
  clearTimeout(refreshTimer);
  const next = items.filter((item) => item.status === "scheduled").map((item) => Date.parse(item.sendAt))
    .sort((a, b) => a - b)[0];
  if (next !== undefined) refreshTimer = setTimeout(refresh, Math.max(0, next - Date.now()) + 1500);
}

function renderList() {
  const mine = items.filter(belongsHere);
  let node = $("#scheduled-list");
  if (!mine.length || $("#composer").hidden) {
    node?.remove();
    return;
  }
  if (!node) {
    node = element("section", "scheduled-list", "scheduled-list");
    node.id = "scheduled-list";
    node.setAttribute("aria-label", "Scheduled messages");
    $("#composer").before(node);
  }
  const list = element("ul");
  for (const item of mine) {
    const row = element("li", "scheduled-item " + item.status, "scheduled-item");
    row.dataset.scheduledId = item.id;
    row.append(element("span", "scheduled-content", "scheduled-content", item.content));
    if (item.status === "failed") {
      row.append(element("span", "scheduled-failure", "scheduled-failure",
        "Not sent: " + (FAILURES[item.failure] || item.failure)));
    } else {
      const when = element("time", "scheduled-time", "scheduled-time", formatWhen(item.sendAt));
      when.dateTime = item.sendAt;
      row.append(when,
        button("Edit scheduled message", "scheduled-edit", "Edit", () => openPanel({
          content: item.content, sendAt: new Date(item.sendAt), submitLabel: "Save",
          submit: (content, sendAt) => api("PATCH", "/scheduled-messages/" + item.id, { content, sendAt }),
        })),
        button("Cancel scheduled message", "scheduled-cancel", "Cancel", async () => {
          await api("DELETE", "/scheduled-messages/" + item.id).catch(() => null);
          await refresh();
        }));
    }
    list.append(row);
  }
  node.replaceChildren(element("h3", "", "scheduled-heading", `Scheduled (${mine.length})`), list);
}

function closePanel() {
  $("#schedule-panel")?.remove();
}

/** The panel above the message box: the message, when to send it, quick choices, and schedule or save. */
function openPanel({ content, sendAt, submitLabel, submit, done = () => {} }) {
  closePanel();
  const node = element("form", "schedule-panel", "schedule-panel");
  node.id = "schedule-panel";
  node.setAttribute("aria-label", "Send later");
  node.noValidate = true;
  const text = element("input", "", "schedule-content");
  text.value = content;
  text.setAttribute("aria-label", "Message to send later");
  const at = element("input", "", "schedule-at");
  at.type = "datetime-local";
  at.step = "1";
  at.min = toLocalInput(new Date());
  at.value = sendAt ? toLocalInput(sendAt) : "";
  at.setAttribute("aria-label", "Send at");
  const error = element("p", "schedule-error", "schedule-error");
  error.setAttribute("role", "alert");
  node.append(text, at,
    button("Send in one hour", "schedule-in-hour", "In 1 hour", () => { at.value = toLocalInput(inOneHour()); }),
    button("Send tomorrow at 9:00", "schedule-tomorrow", "Tomorrow 9:00",
      () => { at.value = toLocalInput(tomorrowAtNine()); }),
    element("button", "", "schedule-submit", submitLabel),
    button("Close", "schedule-close", "Close", closePanel), error);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const when = new Date(at.value);
    if (!text.value.trim()) {
      error.textContent = "Write the message first.";
    } else if (Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) {
      error.textContent = "Pick a time in the future.";
    } else {
      try {
        await submit(text.value.trim(), when.toISOString());
        closePanel();
        done();
        await refresh();
      } catch (problem) {
        error.textContent = "Not scheduled: " + problem.message;
      }
    }
  });
  $("#composer").before(node);
  at.focus();
}

/** A clock face, the "Send later" button's icon. */
registerComposerAction({
  id: "send-later",
  label: "Send later",
  icon: "clock",
  // The server keeps a scheduled message's text until it sends it, so an encrypted conversation has none.
  available: (conversation) => !conversation?.encrypted,
  onClick(context) {
    openPanel({
      content: context.draft().trim(), sendAt: inOneHour(), submitLabel: "Schedule",
      submit: (content, sendAt) => api("POST", "/scheduled-messages",
        { ...context.target(), content, sendAt, clientMessageId: crypto.randomUUID() }),
      done: () => context.setDraft(""),
    });
  },
});

// The pane's title is rendered whenever the open conversation (or the chat being started) changes, and on other
// updates of its header: a new conversation closes the panel and loads its list.
let shownFor = null;
const observer = new MutationObserver(() => {
  const key = state.current || state.pendingRecipient?.id || null;
  if (key === shownFor) return;
  shownFor = key;
  closePanel();
  refresh();
});
observer.observe($("#pane-title"), { childList: true, characterData: true, subtree: true });
