// Where features plug in without editing the core modules: see README.md in this directory.

/**
 * Buttons beside the message box: {id, label, icon?, onClick(context), available?(conversation)}; a button whose
 * `available` answers false is hidden while that conversation is open.
 */
export const composerActions = [];
/**
 * Custom bodies for some messages: {matches(message), render(message, context) -> Node, ownsAttachments?};
 * first match wins. With ownsAttachments the renderer shows the attachments itself (a voice player).
 */
export const messageRenderers = [];
/** Entries of the settings menu: {id, render(context) -> Node}. */
export const settingsItems = [];
/** Changes to an outgoing message body before it is sent: async (body, conversation) -> body. */
export const outgoingTransforms = [];
/** Changes to an incoming message before it is shown: async (message) -> message. */
export const incomingTransforms = [];
/** Marks beside a conversation's title (list and header): (conversation) -> Node | null. */
export const conversationBadges = [];
/** Work after sign-in, before the real-time connection opens: async (user) -> void. */
export const signInHooks = [];
/** Fields added to the Socket.IO handshake's `auth`: () -> object. */
export const socketAuth = [];
/** Listeners set on each new Socket.IO connection: (socket) -> void. */
export const socketListeners = [];
/** Headers added to every REST call and download: () -> object. */
export const requestHeaders = [];
/**
 * What a file becomes before it is uploaded: async (file, conversation) -> {blob, attachment} | null, the blob
 * uploaded in place of the file and extra fields for the message's attachment entry; the first answer wins.
 */
export const uploadTransforms = [];
/** Sections of the details panel, below the conversation's own: async (conversation, context) -> Node | null. */
export const infoSections = [];
/** Fields of the new group dialog: {render() -> {nodes, body() -> object}}; `body()` joins the request. */
export const groupOptions = [];

export function registerComposerAction(action) {
  composerActions.push(action);
}

export function registerMessageRenderer(renderer) {
  messageRenderers.push(renderer);
}

export function registerSettingsItem(item) {
  settingsItems.push(item);
}

export function registerOutgoingTransform(transform) {
  outgoingTransforms.push(transform);
}

export function registerIncomingTransform(transform) {
  incomingTransforms.push(transform);
}

export function registerConversationBadge(badge) {
  conversationBadges.push(badge);
}

export function registerSignInHook(hook) {
  signInHooks.push(hook);
}

export function registerSocketAuth(auth) {
  socketAuth.push(auth);
}

export function registerSocketListener(listener) {
  socketListeners.push(listener);
}

export function registerRequestHeaders(headers) {
  requestHeaders.push(headers);
}

export function registerUploadTransform(transform) {
  uploadTransforms.push(transform);
}

export function registerInfoSection(section) {
  infoSections.push(section);
}

export function registerGroupOption(option) {
  groupOptions.push(option);
}
