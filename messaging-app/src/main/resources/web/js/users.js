// Users by id, fetched once and cached; a conversation's title and the other person of a direct one.
import { api } from "./api.js";
import { state } from "./state.js";

const cache = new Map();
const known = new Map();

export function user(id) {
  if (!cache.has(id)) {
    cache.set(id, api("GET", "/users/" + encodeURIComponent(id))
      .catch(() => ({ id, displayName: "Unknown user", username: "unknown" }))
      .then((u) => {
        known.set(id, u);
        return u;
      }));
  }
  return cache.get(id);
}

/** The user if already fetched (synchronously), or a placeholder. */
export function knownUser(id) {
  return known.get(id) || { id, displayName: "…", username: "" };
}

export async function ensureUsers(ids) {
  await Promise.all([...new Set(ids)].filter(Boolean).map(user));
}

export function rememberUser(u) {
  known.set(u.id, { ...(known.get(u.id) || {}), ...u });
  cache.set(u.id, Promise.resolve(known.get(u.id)));
}

export function nameOf(id) {
  return id === state.me?.id ? "You" : knownUser(id).displayName;
}

export function otherParticipant(conversation) {
  if (conversation.type !== "direct") return null;
  return conversation.participantIds.find((id) => id !== state.me.id) || state.me.id;
}

/** The title now, if its users are fetched (call ensureUsers / titleOf first). */
export function titleNow(conversation) {
  if (conversation.type === "group") return conversation.title || "Group";
  return knownUser(otherParticipant(conversation)).displayName;
}

export async function titleOf(conversation) {
  if (conversation.type === "group") return conversation.title || "Group";
  return (await user(otherParticipant(conversation))).displayName;
}
