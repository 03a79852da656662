// One search box for people (to start a chat) and messages (to jump to them), with an empty state.
import { api } from "./api.js";
import { state, $ } from "./state.js";
import { ensureUsers, knownUser, rememberUser, titleNow } from "./users.js";
import { navigate, openConversation, openDirect } from "./conversations.js";
import { jumpTo } from "./messages.js";
import { avatar } from "./ui/avatar.js";
import { h, highlighted } from "./ui/dom.js";
import { shortTime, fullDateTime } from "./format.js";

let timer = null;
let generation = 0;

export function clearSearch() {
  $("#search").value = "";
  generation++;
  $("#search-panel").hidden = true;
  $("#conversation-panel").hidden = false;
}

function snippet(text, query) {
  const first = query.trim().split(/\s+/)[0] || "";
  const at = text.toLowerCase().indexOf(first.toLowerCase());
  if (text.length <= 110 || at < 40) return text.slice(0, 140);
  return "…" + text.slice(at - 30, at + 110);
}

async function run(query) {
  const current = ++generation;
  if (!query) return clearSearch();
  const [people, messages] = await Promise.all([
    query.length >= 2 ? api("GET", "/users?limit=8&query=" + encodeURIComponent(query)).catch(() => ({ items: [] })) : { items: [] },
    api("GET", "/messages/search?limit=20&q=" + encodeURIComponent(query)).catch(() => ({ items: [] })),
  ]);
  const found = messages.items.filter((m) => !m.deleted);
  await ensureUsers([...found.map((m) => m.senderId), ...[...state.conversations.values()].flatMap((c) => c.participantIds)]);
  if (current !== generation) return;
  people.items.forEach(rememberUser);
  const others = people.items.filter((u) => u.id !== state.me.id);
  $("#conversation-panel").hidden = true;
  $("#search-panel").hidden = false;
  $("#people-heading").hidden = !others.length;
  $("#messages-heading").hidden = !found.length;
  $("#user-results").replaceChildren(...others.map((u) => h("li", {}, h("button", {
    type: "button", class: "row-button", testid: "user-result", dataset: { userId: u.id },
    onClick: () => {
      clearSearch();
      openDirect(u);
    },
  }, avatar(u.displayName, u.id, { presence: state.online.has(u.id) }),
  h("span", { class: "row-main" },
    h("span", { class: "row-title", text: u.displayName }),
    h("span", { class: "row-preview", text: "@" + u.username }))))));
  $("#search-results").replaceChildren(...found.map((message) => {
    const sender = knownUser(message.senderId);
    const conversation = state.conversations.get(message.conversationId);
    const where = conversation ? titleNow(conversation) : "";
    return h("li", {}, h("button", {
      type: "button", class: "row-button", testid: "search-result",
      dataset: { messageId: message.id, conversationId: message.conversationId },
      onClick: () => {
        clearSearch();
        open(message);
      },
    }, avatar(sender.displayName, sender.id),
    h("span", { class: "row-main" },
      h("span", { class: "row-top" },
        h("span", { class: "row-title", testid: "search-result-meta" },
          h("span", { testid: "search-result-sender", text: message.senderId === state.me.id ? "You" : sender.displayName }),
          where ? h("span", { class: "row-where", testid: "search-result-conversation",
            text: conversation.type === "group" ? " in " + where : message.senderId === state.me.id ? " to " + where : " · direct" }) : null),
        h("time", { class: "row-time", testid: "search-result-date", datetime: message.createdAt, title: fullDateTime(message.createdAt),
          text: shortTime(message.createdAt) })),
      h("span", { class: "row-preview" }, ...highlighted(snippet(message.content || "", query), query)))));
  }));
  const empty = !others.length && !found.length;
  $("#search-empty").hidden = !empty;
  $("#search-empty").textContent = empty ? `No people or messages match “${query}”.` : "";
}

async function open(message) {
  if (state.current === message.conversationId) {
    await jumpTo(message.id);
    return;
  }
  history.pushState(null, "", "#/c/" + encodeURIComponent(message.conversationId));
  await openConversation(message.conversationId, { jump: message.id });
}

export function setUpSearch() {
  const input = $("#search");
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value.trim()), 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value) {
      event.stopPropagation();
      clearSearch();
    }
  });
  $("#search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value.trim());
  });
}

export { navigate };
