// One device's end of the protocol: its keys and registration, X3DH sessions with every device it talks to, and
// envelopes in and out. Sessions are kept per remote device (`<userId>/<deviceId>`), the most recently used
// first; a few older ones stay to open messages that crossed a newer session on the way.
//
// Envelope body (base64url of bytes), version 1:
//   version (1 byte, 1) || kind (1 byte: 1 prekey, 2 message) || sender device id length (1 byte) || its UTF-8
//   [prekey only: sender identity key (64) || ephemeral key (32) || signed prekey id (uint32)
//                 || one-time prekey id (uint32, 0xFFFFFFFF when none)]
//   || ratchet header (40) || AES-GCM ciphertext and tag
// Everything before the ratchet header is authenticated too: AD = X3DH AD || prefix || header.
import { Reader, concat, fromBase64url, toBase64url, uint32, utf8 } from "./encoding.js";
import { DecryptionError, KEY_BYTES, generateDhKeyPair } from "./primitives.js";
import { KeyError, generateIdentity, generateSignedPreKey, identityBytes, publishedSignedPreKey } from "./keys.js";
import { initiate, respond } from "./x3dh.js";
import { HEADER_BYTES, decrypt, encrypt, initReceiver, initSender } from "./ratchet.js";
import { memoryLocks } from "./store.js";

export const ENVELOPE_VERSION = 1;
const PREKEY = 1;
const MESSAGE = 2;
const NO_ONE_TIME_KEY = 0xffffffff;
const SESSIONS_KEPT = 5;
const DEVICE_LOCK = "messaging-e2ee-device";

const sessionKey = (userId, deviceId) => userId + "/" + deviceId;
const sessionLock = (key) => "messaging-e2ee-session:" + key;

/** Reads an envelope `{type, body}`; anything malformed is a DecryptionError. */
export function parseEnvelope(envelope) {
  try {
    const bytes = fromBase64url(envelope.body);
    const reader = new Reader(bytes);
    const version = reader.uint8();
    if (version !== ENVELOPE_VERSION) throw new Error("unknown envelope version " + version);
    const kind = reader.uint8();
    if ((kind === PREKEY) !== (envelope.type === "prekey") || (kind !== PREKEY && kind !== MESSAGE)) throw new Error("wrong kind");
    const senderDeviceId = new TextDecoder("utf-8", { fatal: true }).decode(reader.take(reader.uint8()));
    const parsed = { kind, senderDeviceId };
    if (kind === PREKEY) {
      parsed.identityKey = reader.take(2 * KEY_BYTES);
      parsed.ephemeralKey = reader.take(KEY_BYTES);
      parsed.signedPreKeyId = reader.uint32();
      const oneTime = reader.uint32();
      parsed.oneTimePreKeyId = oneTime === NO_ONE_TIME_KEY ? null : oneTime;
    }
    parsed.prefix = bytes.slice(0, reader.offset);
    parsed.header = reader.take(HEADER_BYTES);
    parsed.ciphertext = reader.rest();
    return parsed;
  } catch (error) {
    throw new DecryptionError("malformed envelope: " + error.message);
  }
}

function prefixOf(deviceId, preKey, identity) {
  const id = utf8(deviceId);
  if (id.length > 255) throw new Error("a device id is at most 255 bytes");
  const common = [Uint8Array.of(ENVELOPE_VERSION, preKey ? PREKEY : MESSAGE, id.length), id];
  if (!preKey) return concat(...common);
  return concat(...common, identityBytes(identity), preKey.ephemeralKey, uint32(preKey.signedPreKeyId),
    uint32(preKey.oneTimePreKeyId ?? NO_ONE_TIME_KEY));
}

/**
 * A device: `Device.open({store, directory, locks?})` loads it or creates its keys the first time. `directory`
 * answers `claim(userId, deviceId)` with a bundle (`POST .../claim`) and `identityKey(userId, deviceId)` with
 * the published identity key of a device (or null).
 */
export class Device {
  static async open({ store, directory, locks = memoryLocks(), newId = () => globalThis.crypto.randomUUID() }) {
    const record = await locks.withLock(DEVICE_LOCK, async () => {
      let self = await store.get("device", "self");
      if (!self) {
        const identity = await generateIdentity();
        await store.put("signedPreKeys", 1, await generateSignedPreKey(identity, 1));
        self = { deviceId: newId(), identity, signedPreKeyId: 1, nextPreKeyId: 1, createdAt: new Date().toISOString() };
        await store.put("device", "self", self);
      }
      return self;
    });
    return new Device(store, directory, locks, record);
  }

  constructor(store, directory, locks, record) {
    this.store = store;
    this.directory = directory;
    this.locks = locks;
    this.deviceId = record.deviceId;
    this.identity = record.identity;
    this.identityKey = toBase64url(identityBytes(record.identity));
    this.signedPreKeyId = record.signedPreKeyId;
  }

  /** The body of `PUT /api/devices/{deviceId}`, with `count` new one-time prekeys. */
  async registration(name, count) {
    const signedPreKey = await this.store.get("signedPreKeys", this.signedPreKeyId);
    return { name, identityKey: this.identityKey, signedPreKey: publishedSignedPreKey(signedPreKey),
      oneTimePreKeys: await this.newOneTimePreKeys(count) };
  }

  /** Makes `count` one-time prekeys, keeps their private halves and returns the public ones to upload. */
  async newOneTimePreKeys(count) {
    return this.locks.withLock(DEVICE_LOCK, async () => {
      const self = await this.store.get("device", "self");
      const published = [];
      for (let i = 0; i < count; i++) {
        const keyId = self.nextPreKeyId++;
        const keyPair = await generateDhKeyPair();
        await this.store.put("oneTimePreKeys", keyId, { keyId, keyPair });
        published.push({ keyId, publicKey: toBase64url(keyPair.publicKey) });
      }
      await this.store.put("device", "self", self);
      return published;
    });
  }

  /**
   * Encrypts a plaintext for each recipient device `{userId, deviceId, identityKey}` (as the directory lists
   * them): `{envelopes: {<deviceId>: {type, body}}, failed: [{userId, deviceId, error}]}`.
   */
  async encrypt(recipients, plaintext) {
    const envelopes = {};
    const failed = [];
    await Promise.all(recipients.map(async (recipient) => {
      try {
        envelopes[recipient.deviceId] = await this.encryptFor(recipient, plaintext);
      } catch (error) {
        failed.push({ userId: recipient.userId, deviceId: recipient.deviceId, error });
      }
    }));
    return { envelopes, failed };
  }

  /** One envelope for one device, starting a session with a claimed bundle if there is none. */
  async encryptFor({ userId, deviceId, identityKey }, plaintext) {
    const key = sessionKey(userId, deviceId);
    return this.locks.withLock(sessionLock(key), async () => {
      let record = await this.store.get("sessions", key);
      if (!record || record.identityKey !== identityKey) record = { userId, deviceId, identityKey, sessions: [] };
      if (!record.sessions.length) record.sessions = [await this.startSession(userId, deviceId, identityKey)];
      const session = record.sessions[0];
      const prefix = prefixOf(this.deviceId, session.preKey, this.identity);
      const sealed = await encrypt(session.state, plaintext, concat(session.associatedData, prefix));
      session.state = sealed.state;
      await this.store.put("sessions", key, record);
      return { type: session.preKey ? "prekey" : "message", body: toBase64url(concat(prefix, sealed.header, sealed.ciphertext)) };
    });
  }

  async startSession(userId, deviceId, identityKey) {
    const bundle = await this.directory.claim(userId, deviceId);
    if (bundle.identityKey !== identityKey) throw new KeyError("the claimed identity key is not the device's");
    const agreed = await initiate(this.identity, bundle);
    return {
      baseKey: toBase64url(agreed.ephemeralKey),
      associatedData: agreed.associatedData,
      state: await initSender(agreed.sharedSecret, agreed.theirRatchetKey),
      // Sent along until the other side answers, so that a lost first message does not lose the session.
      preKey: { ephemeralKey: agreed.ephemeralKey, signedPreKeyId: agreed.signedPreKeyId,
        oneTimePreKeyId: agreed.oneTimePreKeyId },
    };
  }

  /**
   * Opens the envelope a message brought to this device. With a `messageId` the plaintext is kept, and the same
   * message again (another tab, a reload) is answered from it. Throws a DecryptionError when it cannot be opened.
   */
  async decrypt({ messageId, senderId, envelope }) {
    const parsed = parseEnvelope(envelope);
    const key = sessionKey(senderId, parsed.senderDeviceId);
    return this.locks.withLock(sessionLock(key), async () => {
      if (messageId) {
        const kept = await this.store.get("plaintexts", messageId);
        if (kept) return kept;
      }
      const record = await this.store.get("sessions", key);
      const opened = parsed.kind === PREKEY ? await this.openPreKey(senderId, parsed, record)
        : await this.openWith(parsed, record, record?.sessions || []);
      await this.store.put("sessions", key, opened.record);
      if (opened.oneTimePreKeyId != null) await this.store.delete("oneTimePreKeys", opened.oneTimePreKeyId);
      if (messageId) await this.store.put("plaintexts", messageId, opened.plaintext);
      return opened.plaintext;
    });
  }

  async openWith(parsed, record, candidates) {
    for (const session of candidates) {
      try {
        const opened = await decrypt(session.state, parsed.header, parsed.ciphertext,
          concat(session.associatedData, parsed.prefix));
        session.state = opened.state;
        session.preKey = null;
        record.sessions = [session, ...record.sessions.filter((other) => other !== session)];
        return { record, plaintext: opened.plaintext };
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
      }
    }
    throw new DecryptionError(candidates.length ? "no session opens this message" : "no session with that device");
  }

  async openPreKey(senderId, parsed, record) {
    const identityKey = toBase64url(parsed.identityKey);
    const baseKey = toBase64url(parsed.ephemeralKey);
    const existing = record?.identityKey === identityKey && record.sessions.find((session) => session.baseKey === baseKey);
    if (existing) return this.openWith(parsed, record, [existing]);
    const published = await this.directory.identityKey(senderId, parsed.senderDeviceId);
    if (published !== identityKey) throw new DecryptionError("the sender's identity key is not the one its device published");
    const signedPreKey = await this.store.get("signedPreKeys", parsed.signedPreKeyId);
    if (!signedPreKey) throw new DecryptionError("unknown signed prekey");
    let oneTimePreKey = null;
    if (parsed.oneTimePreKeyId != null) {
      oneTimePreKey = await this.store.get("oneTimePreKeys", parsed.oneTimePreKeyId);
      if (!oneTimePreKey) throw new DecryptionError("that one-time prekey was already used");
    }
    const agreed = await respond(this.identity, { theirIdentityKey: parsed.identityKey, ephemeralKey: parsed.ephemeralKey,
      signedPreKey: signedPreKey.keyPair, oneTimePreKey: oneTimePreKey?.keyPair });
    const session = { baseKey, associatedData: agreed.associatedData, preKey: null,
      state: initReceiver(agreed.sharedSecret, signedPreKey.keyPair) };
    const fresh = record?.identityKey === identityKey ? record
      : { userId: senderId, deviceId: parsed.senderDeviceId, identityKey, sessions: [] };
    fresh.sessions = [session, ...fresh.sessions].slice(0, SESSIONS_KEPT);
    const opened = await this.openWith(parsed, fresh, [session]);
    return { ...opened, oneTimePreKeyId: parsed.oneTimePreKeyId };
  }

  /** Keeps a plaintext under an id (one's own sent messages, which are not encrypted for this device). */
  async keep(id, plaintext) {
    await this.store.put("plaintexts", id, plaintext);
  }

  /** A kept plaintext, or undefined. */
  kept(id) {
    return this.store.get("plaintexts", id);
  }
}
