// Scheduled messages: "Send later" beside Send (a date and time, with quick choices: in 1 hour, tomorrow 9:00),
// and above the message box the open conversation's messages the user scheduled, each with edit and cancel.
// When one is sent it arrives like any other message; one that could not be sent stays listed with the reason.
import { api } from "../api.js";
import { state, $ } from "../state.js";
import { registerComposerAction } from "../extensions.js";

const FAILURES = {
  not_participant: "you are no longer in this conversation",
  recipient_unavailable: "the recipient's account is no longer available",
};

let items = [];
let refreshTimer = null;

function element(tag, className, testid, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (testid) node.dataset.testid = testid;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label, testid, text, onClick) {
  const node = element("button", "", testid, text);
  node.type = "button";
  node.setAttribute("aria-label", label);
  node.addEventListener("click", onClick);
  return node;
}

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

registerComposerAction({
  id: "send-later",
  label: "Send later",
  icon: "Send later",
  onClick(context) {
    openPanel({
      content: context.draft().trim(), sendAt: inOneHour(), submitLabel: "Schedule",
      submit: (content, sendAt) => api("POST", "/scheduled-messages",
        { ...context.target(), content, sendAt, clientMessageId: crypto.randomUUID() }),
      done: () => context.setDraft(""),
    });
  },
});

// Opening another conversation (or a new chat) changes the pane's title: show that conversation's list.
const observer = new MutationObserver(() => {
  closePanel();
  refresh();
});
observer.observe($("#pane-title"), { childList: true, characterData: true, subtree: true });
