// The client's shared state: who is signed in, what is loaded, what is open.
export const state = {
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
  outbox: new Map(),
  typers: new Map(),
};

export const $ = (selector) => document.querySelector(selector);
