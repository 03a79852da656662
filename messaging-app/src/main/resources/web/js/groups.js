// Groups: creating one with a people picker, and the details panel (members with online state, add, remove,
// leave; the other person of a direct chat).
import { api, sentence } from "./api.js";
import { state, $ } from "./state.js";
import { ensureUsers, knownUser, otherParticipant, rememberUser, titleNow } from "./users.js";
import { conversationAvatar, loadConversations, navigate, conversationChanged } from "./conversations.js";
import { avatar } from "./ui/avatar.js";
import { h } from "./ui/dom.js";
import { confirmAction, openDialog } from "./ui/dialog.js";
import { toast } from "./ui/toast.js";
import { lastSeen } from "./format.js";
import { groupOptions, infoSections } from "./extensions.js";

/** A search field that picks people into chips; `exclude` are ids that cannot be picked. */
function peoplePicker(exclude = []) {
  const chosen = new Map();
  const input = h("input", { id: "people-search", type: "search", autocomplete: "off", placeholder: "Name or username",
    testid: "people-search" });
  const results = h("ul", { class: "picker-results", "aria-label": "People found" });
  const chips = h("div", { class: "chips", "aria-label": "Chosen people", testid: "people-chips" });
  const empty = h("p", { class: "empty", testid: "people-empty", hidden: true });
  let timer = null;
  let generation = 0;

  function renderChips() {
    chips.replaceChildren(...[...chosen.values()].map((u) => h("span", { class: "chip", testid: "people-chip" }, u.displayName,
      h("button", { type: "button", "aria-label": "Remove " + u.displayName, onClick: () => {
        chosen.delete(u.id);
        renderChips();
      } }, "×"))));
  }

  async function search() {
    const query = input.value.trim();
    const current = ++generation;
    if (query.length < 2) {
      results.replaceChildren();
      empty.hidden = true;
      return;
    }
    const found = await api("GET", "/users?limit=8&query=" + encodeURIComponent(query)).catch(() => ({ items: [] }));
    if (current !== generation) return;
    const people = found.items.filter((u) => u.id !== state.me.id && !exclude.includes(u.id));
    people.forEach(rememberUser);
    empty.hidden = people.length > 0;
    empty.textContent = `No one matches “${query}”.`;
    results.replaceChildren(...people.map((u) => h("li", {}, h("button", {
      type: "button", class: "row-button", testid: "people-result", dataset: { userId: u.id },
      "aria-pressed": String(chosen.has(u.id)),
      onClick: () => {
        if (chosen.has(u.id)) chosen.delete(u.id);
        else chosen.set(u.id, u);
        renderChips();
        input.value = "";
        results.replaceChildren();
        input.focus();
      },
    }, avatar(u.displayName, u.id, { size: "small" }),
    h("span", { class: "row-main" }, h("span", { class: "row-title", text: u.displayName }),
      h("span", { class: "row-preview", text: "@" + u.username }))))));
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      results.querySelector("button")?.click();
    }
  });
  return {
    nodes: [h("label", { for: "people-search", text: "Add people" }), input, chips, results, empty],
    chosen: () => [...chosen.keys()],
  };
}

export async function newGroup() {
  const title = h("input", { id: "group-title", autofocus: true, maxlength: 100, placeholder: "Weekend plans", testid: "group-title" });
  const picker = peoplePicker();
  const options = groupOptions.map((option) => option.render());
  const ok = await openDialog({
    title: "New group", confirmLabel: "Create group",
    content: [h("label", { for: "group-title", text: "Group name" }), title, ...picker.nodes, ...options.flatMap((o) => o.nodes)],
    validate: () => (!title.value.trim() ? "Give the group a name." : !picker.chosen().length ? "Add at least one person." : null),
  });
  if (!ok) return;
  try {
    const group = await api("POST", "/conversations", Object.assign({ title: title.value.trim(), participantIds: picker.chosen() },
      ...options.map((option) => option.body())));
    await loadConversations();
    navigate(group.id);
  } catch (error) {
    toast("The group was not created: " + sentence(error.message), { error: true });
  }
}

async function addPeople(conversation) {
  const picker = peoplePicker(conversation.participantIds);
  const ok = await openDialog({ title: "Add people to " + titleNow(conversation), confirmLabel: "Add", content: picker.nodes,
    validate: () => (picker.chosen().length ? null : "Choose someone to add.") });
  if (!ok) return;
  try {
    conversationChanged(await api("POST", `/conversations/${conversation.id}/participants`, { userIds: picker.chosen() }));
  } catch (error) {
    toast("Nobody was added: " + sentence(error.message), { error: true });
  }
}

async function removeMember(conversation, member) {
  const ok = await confirmAction(`${member.displayName} will no longer see this group or its messages.`,
    { title: `Remove ${member.displayName}?`, confirmLabel: "Remove", danger: true });
  if (!ok) return;
  try {
    await api("DELETE", `/conversations/${conversation.id}/participants/${member.id}`);
    conversationChanged({ ...conversation, participantIds: conversation.participantIds.filter((id) => id !== member.id) });
  } catch (error) {
    toast(`${member.displayName} was not removed: ` + sentence(error.message), { error: true });
  }
}

async function leave(conversation) {
  const ok = await confirmAction("You will stop receiving its messages. Someone in the group can add you back.",
    { title: `Leave “${titleNow(conversation)}”?`, confirmLabel: "Leave group", danger: true });
  if (!ok) return;
  try {
    await api("DELETE", `/conversations/${conversation.id}/participants/${state.me.id}`);
    state.conversations.delete(conversation.id);
    closeInfo();
    navigate(null);
    toast(`You left “${titleNow(conversation)}”.`);
  } catch (error) {
    toast("You are still in the group: " + sentence(error.message), { error: true });
  }
}

function statusOf(id) {
  if (id === state.me.id) return ["Online", true];
  return state.online.has(id) ? ["Online", true] : [lastSeen(knownUser(id).lastSeenAt), false];
}

function member(conversation, id) {
  const person = knownUser(id);
  const [status, online] = statusOf(id);
  const canRemove = conversation.createdBy === state.me.id && id !== state.me.id;
  return h("li", { class: "member", testid: "member", dataset: { userId: id } },
    avatar(person.displayName, id, { size: "small", presence: online }),
    h("span", { class: "member-text" },
      h("span", { class: "member-name", testid: "member-name",
        text: person.displayName + (id === state.me.id ? " (you)" : "") + (id === conversation.createdBy ? " · creator" : "") }),
      h("span", { class: "member-status" + (online ? " online" : ""), testid: "member-status", text: status })),
    canRemove ? h("button", { type: "button", class: "secondary", testid: "remove-member", "aria-label": "Remove " + person.displayName,
      onClick: () => removeMember(conversation, person) }, "Remove") : null);
}

let infoGeneration = 0;

/** Renders the details panel again if it is open. */
export async function refreshInfo() {
  const panel = $("#info-panel");
  const conversation = state.conversations.get(state.current);
  if (panel.hidden) return;
  if (!conversation) return closeInfo();
  await ensureUsers(conversation.participantIds);
  const body = $("#info-body");
  if (conversation.type === "group") {
    $("#info-heading").textContent = "Group info";
    const members = [...conversation.participantIds].sort((a, b) => (a === state.me.id) - (b === state.me.id)
      || knownUser(a).displayName.localeCompare(knownUser(b).displayName));
    const online = members.filter((id) => id !== state.me.id && state.online.has(id)).length;
    body.replaceChildren(
      h("div", { class: "info-summary" }, conversationAvatar(conversation, "large"),
        h("h3", { testid: "info-title", text: titleNow(conversation) }),
        h("p", { text: `Group · ${members.length} members` + (online ? ` · ${online} online` : "") })),
      h("section", { class: "info-section", "aria-labelledby": "members-heading" },
        h("h3", { id: "members-heading", text: "Members" }),
        h("ul", { class: "members", testid: "members" }, ...members.map((id) => member(conversation, id)))),
      h("div", { class: "info-actions" },
        h("button", { type: "button", class: "secondary", testid: "add-members", onClick: () => addPeople(conversation) }, "Add people"),
        h("button", { type: "button", class: "danger-button", testid: "leave-group", onClick: () => leave(conversation) }, "Leave group")));
  } else {
    $("#info-heading").textContent = "Contact info";
    const other = knownUser(otherParticipant(conversation));
    const [status, isOnline] = statusOf(other.id);
    body.replaceChildren(h("div", { class: "info-summary" }, avatar(other.displayName, other.id, { size: "large", presence: isOnline }),
      h("h3", { testid: "info-title", text: other.displayName }),
      h("p", { text: "@" + other.username }),
      h("p", { class: isOnline ? "member-status online" : "member-status", text: status })));
  }
  const generation = ++infoGeneration;
  const sections = await Promise.all(infoSections.map((section) => section(conversation, { refresh: refreshInfo })));
  if (generation === infoGeneration && !panel.hidden) body.append(...sections.filter(Boolean));
}

export function openInfo() {
  if (!state.conversations.get(state.current)) return;
  $("#info-panel").hidden = false;
  document.getElementById("app").classList.add("with-info");
  $("#info-button").setAttribute("aria-expanded", "true");
  refreshInfo().then(() => $("#info-close").focus());
}

export function closeInfo() {
  const panel = $("#info-panel");
  if (panel.hidden) return false;
  panel.hidden = true;
  document.getElementById("app").classList.remove("with-info");
  $("#info-button").setAttribute("aria-expanded", "false");
  return true;
}

export function setUpGroups() {
  $("#new-group").addEventListener("click", newGroup);
  $("#info-button").addEventListener("click", () => ($("#info-panel").hidden ? openInfo() : closeInfo()));
  $("#info-close").addEventListener("click", () => {
    closeInfo();
    $("#info-button").focus();
  });
}
