// Where features plug in without editing the core modules: see README.md in this directory.

/** Buttons beside the message box: {id, label, icon?, onClick(context)}. */
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
