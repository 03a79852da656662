// The client's shared state: who is signed in, what is loaded, what is open.
export const state = {
  config: { mail: false, push: false },
  me: null,
  socket: null,
  conversations: new Map(),
  online: new Set(),
  current: null,
  pendingRecipient: null,
  messages: new Map(),
  highestSeq: new Map(),
  olderCursor: null,
  loadingOlder: false,
  unreadFrom: null,
  highlight: null,
  selected: null,
  replyTo: null,
  editing: null,
  outbox: new Map(),
  typers: new Map(),
};

export const $ = (selector) => document.querySelector(selector);

/** True on a phone-sized screen, where the list and the conversation take turns. */
export const narrow = () => matchMedia("(max-width: 700px)").matches;
