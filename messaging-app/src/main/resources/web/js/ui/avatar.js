// Initials on a colour picked from the id: the same person always looks the same.
import { h } from "./dom.js";

export function colourOf(id) {
  let hash = 0;
  for (const char of String(id || "")) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return "c" + (hash % 8);
}

export function initials(name) {
  const words = String(name || "?").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] || "?"];
  return letters.map((word) => [...word][0]).join("").toUpperCase();
}

/**
 * An avatar; `presence` true/false adds an online/offline dot (direct conversations and people only), with a
 * text for screen readers.
 */
export function avatar(name, id, { size = "", group = false, presence } = {}) {
  const element = h("span", { class: `avatar ${size} ${group ? "group" : ""} ${colourOf(id)}` },
    h("span", { "aria-hidden": "true", text: initials(name) }));
  if (presence !== undefined) {
    element.append(h("span", { class: "presence" + (presence ? " online" : ""), testid: presence ? "online-dot" : "offline-dot" },
      h("span", { class: "visually-hidden", text: presence ? "online" : "offline" })));
  }
  return element;
}
