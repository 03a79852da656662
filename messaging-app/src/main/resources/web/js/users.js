// Users by id, fetched once and cached; the name a conversation shows.
import { api } from "./api.js";
import { state } from "./state.js";

const cache = new Map();

export function user(id) {
  if (!cache.has(id)) {
    cache.set(id, api("GET", "/users/" + encodeURIComponent(id)).catch(() => ({ id, displayName: "unknown" })));
  }
  return cache.get(id);
}

export function rememberUser(u) {
  cache.set(u.id, Promise.resolve(u));
}

export function otherParticipant(conversation) {
  return conversation.type === "direct" ? conversation.participantIds.find((id) => id !== state.me.id) : null;
}

export function titleOf(conversation) {
  if (conversation.type === "group") return Promise.resolve(conversation.title);
  return user(otherParticipant(conversation)).then((u) => u.displayName);
}
