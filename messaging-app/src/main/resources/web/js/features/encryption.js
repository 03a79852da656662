// End-to-end encryption (docs/ENCRYPTION.md): this browser is a device with its own keys (js/crypto), registered
// on sign-in; in an encrypted conversation every message is encrypted for each device of each participant and
// the sender's other devices, files are encrypted before the upload, and what arrives is decrypted here. A lock
// marks encrypted conversations; the details panel turns encryption on and shows safety numbers; a banner warns
// when a contact's device keys change.
import { api, fetchBlob, sentence } from "../api.js";
import { state, $ } from "../state.js";
import { ensureUsers, knownUser } from "../users.js";
import {
  registerComposerAction, registerConversationBadge, registerGroupOption, registerIncomingTransform, registerInfoSection,
  registerMessageRenderer, registerOutgoingTransform, registerRequestHeaders, registerSettingsItem, registerSignInHook,
  registerSocketAuth, registerSocketListener, registerUploadTransform,
} from "../extensions.js";
import { conversationChanged } from "../conversations.js";
import { renderAttachment } from "../messages.js";
import { openInfo, refreshInfo } from "../groups.js";
import { h, icon } from "../ui/dom.js";
import { confirmAction, openDialog } from "../ui/dialog.js";
import { toast } from "../ui/toast.js";
import { Device } from "../crypto/device.js";
import { IndexedDbStore, MemoryStore, browserLocks } from "../crypto/store.js";
import { safetyNumber } from "../crypto/safety.js";
import { decryptFile, encryptFile } from "../crypto/attachment.js";
import { fromUtf8, padWithSpaces, utf8 } from "../crypto/encoding.js";

/** One-time prekeys uploaded at a time, and the count on the server below which more are uploaded. */
const ONE_TIME_BATCH = 50;
const LOW_WATER = 20;

let device = null;
let store = null;
const deviceLists = new Map();
const sentPlaintexts = new Map();
const fileUrls = new Map();
const safetyNumbers = new Map();
let topping = null;
/** The person of the chat being started whose first message will start it encrypted, if that was chosen. */
let encryptNewChat = null;

const path = (value) => encodeURIComponent(value);

/** The devices a user has in the server's directory (cached until a device event; `fresh` asks again). */
function devicesOf(userId, fresh = false) {
  if (fresh || !deviceLists.has(userId)) {
    const listed = api("GET", `/users/${path(userId)}/devices`).then(async (page) => {
      const items = page.items.map((d) => ({ userId, deviceId: d.deviceId, identityKey: d.identityKey, name: d.name }));
      await noteKeys(userId, items);
      return items;
    });
    listed.catch(() => deviceLists.get(userId) === listed && deviceLists.delete(userId));
    deviceLists.set(userId, listed);
  }
  return deviceLists.get(userId);
}

/** The directory as the protocol asks it: bundles to claim, and published identity keys. */
const directory = {
  claim: (userId, deviceId) => api("POST", `/users/${path(userId)}/devices/${path(deviceId)}/claim`),
  async identityKey(userId, deviceId) {
    let found = (await devicesOf(userId)).find((d) => d.deviceId === deviceId);
    if (!found) found = (await devicesOf(userId, true)).find((d) => d.deviceId === deviceId);
    return found?.identityKey ?? null;
  },
};

/**
 * Remembers which device keys a contact had when first seen; a device or identity key that is new after that
 * marks the contact as changed until the user has looked (the banner and the details panel say so).
 */
async function noteKeys(userId, items) {
  if (!store || userId === state.me?.id) return;
  const known = await store.get("contacts", userId);
  const devices = Object.fromEntries(items.map((d) => [d.deviceId, d.identityKey]));
  const changed = Boolean(known) && Object.entries(devices).some(([id, key]) => known.devices[id] !== key);
  await store.put("contacts", userId, { devices, changed: Boolean(known?.changed) || changed });
  if (changed) refreshWarning();
}

async function changedContacts(conversation) {
  if (!store || !conversation?.encrypted) return [];
  const others = conversation.participantIds.filter((id) => id !== state.me.id);
  const records = await Promise.all(others.map((id) => store.get("contacts", id)));
  return others.filter((id, i) => records[i]?.changed);
}

async function acknowledge(userIds) {
  for (const userId of userIds) {
    const record = await store.get("contacts", userId);
    if (record) await store.put("contacts", userId, { ...record, changed: false });
  }
  await refreshWarning();
  await refreshInfo();
}

function deviceName() {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox" : /Chrom(e|ium)\//.test(agent) ? "Chrome"
    : /Safari\//.test(agent) ? "Safari" : "Browser";
  const platform = navigator.userAgentData?.platform || (/(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(agent) || [])[1];
  return platform ? `${browser} on ${platform}` : browser;
}

/** Registers this device if the directory does not list it with its keys, else tops up its one-time prekeys. */
async function register(me) {
  const listed = await devicesOf(me.id, true);
  const self = listed.find((d) => d.deviceId === device.deviceId);
  if (self?.identityKey === device.identityKey) return topUp();
  await api("PUT", `/devices/${path(device.deviceId)}`, await device.registration(deviceName(), ONE_TIME_BATCH));
  deviceLists.delete(me.id);
}

/** Uploads more one-time prekeys when the server has fewer than LOW_WATER left (asked with an empty upload). */
function topUp() {
  topping ||= (async () => {
    const prekeys = `/devices/${path(device.deviceId)}/prekeys`;
    const { remaining } = await api("POST", prekeys, { oneTimePreKeys: [] });
    if (remaining < LOW_WATER) await api("POST", prekeys, { oneTimePreKeys: await device.newOneTimePreKeys(ONE_TIME_BATCH) });
  })().catch(() => {}).finally(() => {
    topping = null;
  });
  return topping;
}

registerSignInHook(async (me) => {
  try {
    store = await IndexedDbStore.open("messaging-e2ee-" + me.id);
  } catch (error) {
    store = new MemoryStore();
  }
  try {
    device = await Device.open({ store, directory, locks: browserLocks() });
  } catch (error) {
    // A browser without X25519/Ed25519 in WebCrypto: it can use plain conversations, not encrypted ones.
    console.warn("end-to-end encryption is not available in this browser:", error.message);
    return;
  }
  await register(me).catch((error) => console.warn("this device is not registered for encryption:", error.message));
});

registerRequestHeaders(() => (device ? { "x-device-id": device.deviceId } : {}));
registerSocketAuth(() => (device ? { deviceId: device.deviceId } : {}));

registerSocketListener((socket) => {
  for (const event of ["device_added", "device_removed"]) {
    socket.on(event, async ({ userId }) => {
      deviceLists.delete(userId);
      if (state.conversations.get(state.current)?.participantIds.includes(userId)) await devicesOf(userId).catch(() => null);
      refreshWarning();
      refreshInfo();
    });
  }
});

// ---- messages out

/** Every device that must get an envelope: all devices of all participants, without this one. */
async function recipientsOf(conversation) {
  const lists = await Promise.all(conversation.participantIds.map((id) => devicesOf(id, true)));
  return lists.flat().filter((d) => d.deviceId !== device.deviceId);
}

registerUploadTransform(async (file, conversation) => {
  if (!conversation?.encrypted) return null;
  const sealed = await encryptFile(await file.arrayBuffer());
  return { blob: new Blob([sealed.ciphertext], { type: "application/octet-stream" }),
    attachment: { key: sealed.key, iv: sealed.iv, mime: file.type || "application/octet-stream", size: file.size } };
});

registerOutgoingTransform(async (body, conversation) => {
  // A first message that is encrypted starts the direct conversation encrypted.
  if (!conversation && body.recipientId && encryptNewChat === body.recipientId) {
    conversation = { encrypted: true, participantIds: [state.me.id, body.recipientId] };
  }
  if (!conversation?.encrypted) return body;
  if (!device) throw new Error("this browser cannot encrypt (it lacks X25519 or Ed25519): use a current browser");
  if (body.type === "voice") throw new Error("voice messages cannot be sent in an encrypted conversation");
  const plaintext = { text: body.content || "" };
  const file = body.attachments?.[0];
  if (file) {
    if (!file.key) throw new Error("the file was not encrypted");
    plaintext.attachment = { id: file.id, key: file.key, iv: file.iv, mime: file.mime, name: file.name, size: file.size };
  }
  const bytes = padWithSpaces(utf8(JSON.stringify(plaintext)));
  const recipients = await recipientsOf(conversation);
  if (!recipients.length) throw new Error("no one here has a device that can read encrypted messages yet");
  const { envelopes, failed } = await device.encrypt(recipients, bytes);
  if (!Object.keys(envelopes).length) {
    throw new Error("it could not be encrypted for any device: " + failed[0].error.message);
  }
  if (failed.length) toast(`This message will not reach ${failed.length} device${failed.length === 1 ? "" : "s"} whose keys could not be used.`);
  sentPlaintexts.set(body.clientMessageId, plaintext);
  await device.keep("client:" + body.clientMessageId, bytes);
  const sealed = { clientMessageId: body.clientMessageId, type: "encrypted", content: null, envelopes };
  for (const field of ["conversationId", "recipientId", "replyToId"]) if (body[field]) sealed[field] = body[field];
  // The server hands an attachment only to the participants of a conversation that references it.
  if (file) sealed.attachments = [{ id: file.id }];
  return sealed;
});

// ---- messages in

function parsePlaintext(bytes) {
  const value = JSON.parse(fromUtf8(bytes));
  if (typeof value?.text !== "string") throw new Error("not a message");
  return value;
}

/** The plaintext of an encrypted message: kept from before, or decrypted from its envelope; null when neither. */
async function openMessage(message) {
  try {
    let bytes = await device.kept(message.id);
    if (!bytes && message.envelope) {
      bytes = await device.decrypt({ messageId: message.id, senderId: message.senderId, envelope: message.envelope });
      if (message.envelope.type === "prekey") topUp();
    }
    if (!bytes && message.senderId === state.me.id && message.clientMessageId) {
      bytes = await device.kept("client:" + message.clientMessageId);
      if (bytes) await device.keep(message.id, bytes);
    }
    return bytes ? parsePlaintext(bytes) : null;
  } catch (error) {
    return null;
  }
}

registerIncomingTransform(async (message) => {
  if (message.type !== "encrypted" || message.deleted || !device) return message;
  const plaintext = await openMessage(message);
  if (!plaintext) return { ...message, content: null, decryption: { failed: message.envelope ? "invalid" : "missing" } };
  return { ...message, content: plaintext.text, decryption: { attachment: plaintext.attachment || null } };
});

function decryptedUrl(attachment) {
  if (!fileUrls.has(attachment.id)) {
    fileUrls.set(attachment.id, fetchBlob(`/api/attachments/${path(attachment.id)}`)
      .then(async (blob) => decryptFile(await blob.arrayBuffer(), attachment.key, attachment.iv))
      .then((bytes) => URL.createObjectURL(new Blob([bytes], { type: attachment.mime || "application/octet-stream" }))));
  }
  return fileUrls.get(attachment.id);
}

function renderFile(attachment) {
  return renderAttachment({ id: attachment.id, name: attachment.name, size: attachment.size, contentType: attachment.mime },
    () => decryptedUrl(attachment));
}

registerMessageRenderer({
  matches: (message) => message.type === "encrypted" && !message.deleted,
  ownsAttachments: true,
  render(message) {
    const plaintext = message.decryption
      ? (message.decryption.failed ? null : { text: message.content, attachment: message.decryption.attachment })
      : sentPlaintexts.get(message.clientMessageId) || null;
    if (!plaintext) {
      return h("div", { class: "undecryptable", testid: "undecryptable" }, icon("lock"),
        h("span", { text: "Cannot decrypt this message." }),
        h("span", { class: "undecryptable-hint", text: message.decryption?.failed === "invalid"
          ? "It does not verify: it may have been changed on the way."
          : "It was not encrypted for this device: it was sent before this browser was set up for encryption." }));
    }
    return h("div", { class: "encrypted-body" },
      plaintext.attachment ? renderFile(plaintext.attachment) : null,
      plaintext.text || !plaintext.attachment ? h("div", { class: "content", testid: "message-content", text: plaintext.text }) : null);
  },
});

// ---- the lock, turning encryption on, new encrypted chats and groups

function showNewChatChoice() {
  const button = document.querySelector("[data-testid=composer-action-encrypt-new-chat]");
  if (!button) return;
  const on = Boolean(state.pendingRecipient) && encryptNewChat === state.pendingRecipient.id;
  button.setAttribute("aria-pressed", String(on));
  button.classList.toggle("active", on);
}

registerComposerAction({
  id: "encrypt-new-chat",
  label: "Encrypt this new chat end to end",
  icon: "lock",
  available: (conversation) => !conversation && Boolean(state.pendingRecipient),
  onClick() {
    const other = state.pendingRecipient;
    if (!other) return;
    encryptNewChat = encryptNewChat === other.id ? null : other.id;
    showNewChatChoice();
    toast(encryptNewChat ? `Your first message starts an end-to-end encrypted chat with ${other.displayName}.`
      : "This chat will not be encrypted.");
  },
});

registerConversationBadge((conversation) => (conversation.encrypted
  ? h("span", { class: "lock-badge", role: "img", "aria-label": "End-to-end encrypted", title: "End-to-end encrypted",
    testid: "encrypted-badge" }, icon("lock"))
  : null));

registerGroupOption({
  render() {
    const box = h("input", { type: "checkbox", id: "group-encrypted", testid: "group-encrypted" });
    return {
      nodes: [h("label", { class: "checkbox-row", for: "group-encrypted" }, box,
        h("span", { text: "End-to-end encrypted: only the members' devices can read it (cannot be undone)" }))],
      body: () => (box.checked ? { encrypted: true } : {}),
    };
  },
});

async function turnOn(conversation) {
  const ok = await confirmAction("From now on, messages and files here are encrypted on each device and only the devices of the "
    + "people in this conversation can read them. Earlier messages stay as they are. Encryption cannot be turned off again.",
  { title: "Turn on end-to-end encryption?", confirmLabel: "Turn on encryption" });
  if (!ok) return;
  try {
    conversationChanged(await api("POST", `/conversations/${path(conversation.id)}/encryption`));
    toast("End-to-end encryption is on.");
  } catch (error) {
    toast("Encryption was not turned on: " + sentence(error.message), { error: true });
  }
}

// ---- safety numbers and key changes

function safetyNumberOf(me, them) {
  const key = JSON.stringify([me, them]);
  if (!safetyNumbers.has(key)) safetyNumbers.set(key, safetyNumber(me, them));
  return safetyNumbers.get(key);
}

async function safetyRow(userId, myKeys, changed) {
  const person = knownUser(userId);
  const theirs = await devicesOf(userId).catch(() => []);
  const heading = h("h4", { id: "safety-" + userId, text: person.displayName });
  if (!theirs.length) {
    return h("div", { class: "safety", testid: "safety" }, heading,
      h("p", { class: "hint", text: "No device with encryption keys yet: messages cannot reach them until they sign in." }));
  }
  const groups = await safetyNumberOf({ userId: state.me.id, identityKeys: myKeys },
    { userId, identityKeys: theirs.map((d) => d.identityKey) });
  return h("div", { class: "safety", testid: "safety", dataset: { userId } }, heading,
    h("p", { class: "safety-number", testid: "safety-number", "aria-labelledby": "safety-" + userId },
      ...groups.map((group) => h("span", { text: group }))),
    h("p", { class: "hint", text: `${theirs.length} device${theirs.length === 1 ? "" : "s"}` }),
    changed ? h("p", { class: "key-changed", testid: "key-changed" },
      h("span", { text: "Their keys changed since you last compared. " }),
      h("button", { type: "button", class: "link", testid: "key-changed-ok", onClick: () => acknowledge([userId]) }, "I have compared them"))
      : null);
}

registerInfoSection(async (conversation) => {
  if (!conversation.encrypted) {
    return h("section", { class: "info-section", "aria-labelledby": "encryption-heading" },
      h("h3", { id: "encryption-heading", text: "Encryption" }),
      h("p", { class: "hint", text: "Messages here are not end-to-end encrypted." }),
      h("button", { type: "button", class: "secondary", testid: "turn-on-encryption", onClick: () => turnOn(conversation) },
        "Turn on encryption"));
  }
  const others = conversation.participantIds.filter((id) => id !== state.me.id);
  await ensureUsers(others);
  const mine = await devicesOf(state.me.id).catch(() => []);
  const myKeys = [...new Set([...mine.map((d) => d.identityKey), device?.identityKey].filter(Boolean))];
  const changed = await changedContacts(conversation);
  const rows = await Promise.all(others.map((id) => safetyRow(id, myKeys, changed.includes(id))));
  return h("section", { class: "info-section", "aria-labelledby": "encryption-heading", testid: "encryption-info" },
    h("h3", { id: "encryption-heading" }, icon("lock"), " End-to-end encrypted"),
    h("p", { class: "hint", text: "Only the devices of the people here can read these messages. To be sure no one else "
      + "listens in, compare the safety number with each person in person or on a call: it must be the same on both screens." }),
    ...rows);
});

/** The banner over an encrypted conversation whose participants' device keys changed. */
async function refreshWarning() {
  const conversation = state.conversations.get(state.current);
  const changed = await changedContacts(conversation);
  let banner = $("#key-warning");
  if (!changed.length || conversation?.id !== state.current) {
    banner?.remove();
    return;
  }
  await ensureUsers(changed);
  const names = changed.map((id) => knownUser(id).displayName).join(", ");
  if (!banner) {
    banner = h("div", { id: "key-warning", class: "key-warning", role: "status", testid: "key-change-warning" });
    $("#message-area").before(banner);
  }
  banner.replaceChildren(
    h("span", { text: `The security keys of ${names} changed: a new device, or a reinstalled one. Compare your safety number to be sure.` }),
    h("span", { class: "key-warning-actions" },
      h("button", { type: "button", class: "secondary", testid: "key-warning-show", onClick: () => openInfo() }, "Show safety number"),
      h("button", { type: "button", class: "secondary", testid: "key-warning-dismiss", onClick: () => acknowledge(changed) }, "Dismiss")));
}

// A new conversation on screen (its title changes): check its participants' keys and show or hide the banner.
let shownFor = null;
new MutationObserver(async () => {
  const id = state.current;
  const key = id || "new:" + (state.pendingRecipient?.id || "");
  if (key === shownFor) return;
  shownFor = key;
  if (state.pendingRecipient?.id !== encryptNewChat) encryptNewChat = null;
  showNewChatChoice();
  $("#key-warning")?.remove();
  const conversation = state.conversations.get(id);
  if (!conversation?.encrypted || !store) return;
  await Promise.all(conversation.participantIds.map((userId) => devicesOf(userId, true).catch(() => null)));
  refreshWarning();
}).observe($("#pane-title"), { childList: true, characterData: true, subtree: true });

// ---- this user's devices

function deviceRow(item) {
  const here = item.deviceId === device?.deviceId;
  const since = item.createdAt ? new Date(item.createdAt).toLocaleDateString([], { dateStyle: "medium" }) : "";
  return h("li", { class: "member", testid: "device", dataset: { deviceId: item.deviceId } },
    h("span", { class: "member-text" },
      h("span", { class: "member-name", text: (item.name || "Device") + (here ? " (this browser)" : "") }),
      h("span", { class: "member-status", text: since ? "Since " + since : "" })),
    here ? null : h("button", { type: "button", class: "secondary", testid: "remove-device",
      "aria-label": "Remove " + (item.name || "device"),
      onClick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          await api("DELETE", `/devices/${path(item.deviceId)}`);
          deviceLists.delete(state.me.id);
          button.closest("li").remove();
          toast(`${item.name || "The device"} no longer gets your encrypted messages; it registers again when it signs in.`);
        } catch (error) {
          button.disabled = false;
          toast("The device was not removed: " + sentence(error.message), { error: true });
        }
      } }, "Remove"));
}

async function showDevices() {
  const page = await api("GET", `/users/${path(state.me.id)}/devices`).catch(() => ({ items: [] }));
  const list = h("ul", { class: "members devices", testid: "devices" });
  list.append(...page.items.map(deviceRow));
  await openDialog({ title: "Your devices", cancelLabel: null, confirmLabel: "Done", content: [
    h("p", { class: "hint", text: "Each browser you signed in with has its own keys and gets its own copy of every encrypted "
      + "message. Remove one you no longer use." }), list] });
}

registerSettingsItem({
  id: "devices",
  render: ({ close }) => (device ? h("button", { type: "button", class: "menu-item", testid: "settings-devices",
    onClick: () => {
      close();
      showDevices();
    } }, "Your devices") : null),
});
