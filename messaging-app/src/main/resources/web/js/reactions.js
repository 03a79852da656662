// Reactions: chips with counts and who reacted, and the emoji picker.
import { api, sentence } from "./api.js";
import { state, $ } from "./state.js";
import { nameOf } from "./users.js";
import { h } from "./ui/dom.js";
import { toast } from "./ui/toast.js";
import { upsert } from "./messages.js";

const QUICK = [["👍", "thumbs up"], ["❤️", "red heart"], ["😂", "face with tears of joy"], ["😮", "surprised face"],
  ["😢", "crying face"], ["🙏", "folded hands"], ["🎉", "party popper"], ["🔥", "fire"]];
const MORE = [["😀", "grinning face"], ["😊", "smiling face"], ["😍", "heart eyes"], ["🤔", "thinking face"],
  ["😅", "grinning face with sweat"], ["😎", "smiling face with sunglasses"], ["🙌", "raising hands"], ["👏", "clapping hands"],
  ["💯", "hundred points"], ["✅", "check mark"], ["👀", "eyes"], ["🚀", "rocket"], ["🤝", "handshake"], ["💪", "flexed biceps"],
  ["😴", "sleeping face"], ["🤯", "exploding head"], ["😡", "angry face"], ["👎", "thumbs down"], ["🥳", "partying face"],
  ["☕", "hot beverage"], ["🍕", "pizza"], ["⭐", "star"], ["💡", "light bulb"], ["❓", "question mark"]];

let pickerFor = null;
let returnFocus = null;

export function reactionChips(message) {
  const entries = Object.entries(message.reactions || {}).filter(([, users]) => users.length);
  if (!entries.length) return null;
  return h("div", { class: "reactions" }, ...entries.map(([emoji, users]) => {
    const names = users.map(nameOf).join(", ");
    const mine = users.includes(state.me.id);
    return h("button", {
      type: "button", class: "reaction", testid: "reaction", dataset: { emoji },
      "aria-pressed": String(mine), title: `${names} reacted with ${emoji}`,
      "aria-label": `${emoji} ${users.length}: ${names}. ${mine ? "Remove your reaction" : "React with " + emoji}`,
      onClick: (event) => {
        event.stopPropagation();
        toggle(message, emoji);
      },
    }, h("span", { "aria-hidden": "true", text: emoji }), h("span", { "aria-hidden": "true", class: "count", text: String(users.length) }));
  }));
}

export async function toggle(message, emoji) {
  const current = state.messages.get(message.id) || message;
  const mine = (current.reactions?.[emoji] || []).includes(state.me.id);
  try {
    await upsert(await api(mine ? "DELETE" : "PUT", `/messages/${current.id}/reactions/${encodeURIComponent(emoji)}`));
  } catch (error) {
    toast("Reaction not saved: " + sentence(error.message), { error: true });
  }
}

function grid(emojis, extra = "") {
  return h("div", { class: "emoji-grid " + extra }, ...emojis.map(([emoji, name]) =>
    h("button", { type: "button", "aria-label": name, title: name, testid: "emoji-option", dataset: { emoji },
      onClick: () => {
        const message = pickerFor;
        closeEmojiPicker();
        toggle(message, emoji);
      } }, emoji)));
}

export function openEmojiPicker(message, anchor) {
  const picker = $("#emoji-picker");
  pickerFor = message;
  returnFocus = anchor;
  picker.replaceChildren(grid(QUICK, "quick"), grid(MORE));
  picker.hidden = false;
  const box = anchor.getBoundingClientRect();
  const width = picker.offsetWidth;
  const height = picker.offsetHeight;
  const left = Math.min(Math.max(8, box.right - width), innerWidth - width - 8);
  const top = box.top - height - 8 > 8 ? box.top - height - 8 : Math.min(box.bottom + 8, innerHeight - height - 8);
  picker.style.left = left + "px";
  picker.style.top = top + "px";
  picker.querySelector("button").focus();
}

export function closeEmojiPicker() {
  const picker = $("#emoji-picker");
  if (picker.hidden) return false;
  picker.hidden = true;
  pickerFor = null;
  returnFocus?.focus?.();
  returnFocus = null;
  return true;
}

export function setUpReactions() {
  document.addEventListener("pointerdown", (event) => {
    const picker = $("#emoji-picker");
    if (!picker.hidden && !picker.contains(event.target) && !event.target.closest("[data-testid=react]")) closeEmojiPicker();
  });
}
