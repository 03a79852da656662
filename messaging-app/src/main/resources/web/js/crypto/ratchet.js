// The Double Ratchet (Signal's "The Double Ratchet Algorithm", §3 with header as associated data):
//   KDF_RK(rk, dh_out) = HKDF-SHA-256(salt = rk, IKM = dh_out, info = "messaging ratchet v1") -> 64 bytes: rk', ck
//   KDF_CK(ck)         = HMAC-SHA-256(ck, 0x01) as the message key, HMAC-SHA-256(ck, 0x02) as the next chain key
//   ENCRYPT(mk, p, ad) = AES-256-GCM with key and nonce from HKDF(mk, info = "messaging message keys v1") -> 32+12
//   header             = DHs public key (32 bytes) || PN (uint32) || N (uint32), authenticated with AD || header
// A state is a plain object that IndexedDB can hold (its DH private key is a non-extractable CryptoKey).
// Decryption works on a copy and hands back the new state only when the message authenticates.
import { concat, equalBytes, readUint32, toBase64url, uint32, utf8 } from "./encoding.js";
import { DecryptionError, KEY_BYTES, aeadDecrypt, aeadEncrypt, dh, generateDhKeyPair, hkdf, hmac } from "./primitives.js";

/** At most this many message keys are derived and kept for messages that have not arrived (yet). */
export const MAX_SKIP = 1000;
export const HEADER_BYTES = KEY_BYTES + 8;

const ROOT_INFO = utf8("messaging ratchet v1");
const MESSAGE_INFO = utf8("messaging message keys v1");
const ZERO_SALT = new Uint8Array(KEY_BYTES);

async function kdfRk(rootKey, dhOut) {
  const out = await hkdf(dhOut, rootKey, ROOT_INFO, 2 * KEY_BYTES);
  return [out.slice(0, KEY_BYTES), out.slice(KEY_BYTES)];
}

async function kdfCk(chainKey) {
  return [await hmac(chainKey, Uint8Array.of(2)), await hmac(chainKey, Uint8Array.of(1))];
}

async function messageKeys(messageKey) {
  const out = await hkdf(messageKey, ZERO_SALT, MESSAGE_INFO, KEY_BYTES + 12);
  return { key: out.slice(0, KEY_BYTES), iv: out.slice(KEY_BYTES) };
}

function encodeHeader(publicKey, previousCount, number) {
  return concat(publicKey, uint32(previousCount), uint32(number));
}

/** The fields of a 40-byte header. */
export function parseHeader(header) {
  if (header.length !== HEADER_BYTES) throw new DecryptionError("a ratchet header is 40 bytes");
  return { publicKey: header.slice(0, KEY_BYTES), previousCount: readUint32(header, KEY_BYTES),
    number: readUint32(header, KEY_BYTES + 4) };
}

/** The initiator's state (RatchetInitAlice): shared secret from X3DH and the responder's signed prekey. */
export async function initSender(sharedSecret, theirRatchetKey) {
  const ownKey = await generateDhKeyPair();
  const [rootKey, sendingChain] = await kdfRk(sharedSecret, await dh(ownKey.privateKey, theirRatchetKey));
  return { ownKey, theirKey: theirRatchetKey, rootKey, sendingChain, receivingChain: null, sent: 0, received: 0,
    previousSent: 0, skipped: [] };
}

/** The responder's state (RatchetInitBob): shared secret and its own signed prekey pair. */
export function initReceiver(sharedSecret, ownSignedPreKey) {
  return { ownKey: ownSignedPreKey, theirKey: null, rootKey: sharedSecret, sendingChain: null, receivingChain: null,
    sent: 0, received: 0, previousSent: 0, skipped: [] };
}

function copy(state) {
  return { ...state, skipped: state.skipped.map((entry) => ({ ...entry })) };
}

/** Encrypts one message: the new state, the header and the ciphertext (the state may not be used again). */
export async function encrypt(state, plaintext, associatedData) {
  if (!state.sendingChain) throw new Error("this session cannot send before it has received");
  const next = copy(state);
  const [chainKey, messageKey] = await kdfCk(next.sendingChain);
  next.sendingChain = chainKey;
  const header = encodeHeader(next.ownKey.publicKey, next.previousSent, next.sent);
  next.sent += 1;
  const { key, iv } = await messageKeys(messageKey);
  const ciphertext = await aeadEncrypt(key, iv, plaintext, concat(associatedData, header));
  return { state: next, header, ciphertext };
}

async function skipTo(state, until) {
  if (!state.receivingChain) return;
  if (until - state.received > MAX_SKIP) throw new DecryptionError(`more than ${MAX_SKIP} messages skipped`);
  const theirKey = toBase64url(state.theirKey);
  while (state.received < until) {
    const [chainKey, messageKey] = await kdfCk(state.receivingChain);
    state.receivingChain = chainKey;
    state.skipped.push({ theirKey, number: state.received, messageKey });
    state.received += 1;
  }
  // The oldest keys go first: a message that has not come after a thousand others is taken as lost.
  if (state.skipped.length > MAX_SKIP) state.skipped.splice(0, state.skipped.length - MAX_SKIP);
}

async function ratchetStep(state, header) {
  state.previousSent = state.sent;
  state.sent = 0;
  state.received = 0;
  state.theirKey = header.publicKey;
  [state.rootKey, state.receivingChain] = await kdfRk(state.rootKey, await dh(state.ownKey.privateKey, state.theirKey));
  state.ownKey = await generateDhKeyPair();
  [state.rootKey, state.sendingChain] = await kdfRk(state.rootKey, await dh(state.ownKey.privateKey, state.theirKey));
}

async function open(messageKey, header, ciphertext, associatedData) {
  const { key, iv } = await messageKeys(messageKey);
  return aeadDecrypt(key, iv, ciphertext, concat(associatedData, header));
}

/**
 * Decrypts one message: `{state, plaintext}`, or a DecryptionError (tampered, replayed, too far ahead) that
 * leaves the given state as it was.
 */
export async function decrypt(state, header, ciphertext, associatedData) {
  const parsed = parseHeader(header);
  const next = copy(state);
  const theirKey = toBase64url(parsed.publicKey);
  const index = next.skipped.findIndex((entry) => entry.theirKey === theirKey && entry.number === parsed.number);
  if (index >= 0) {
    const plaintext = await open(next.skipped[index].messageKey, header, ciphertext, associatedData);
    next.skipped.splice(index, 1);
    return { state: next, plaintext };
  }
  if (!next.theirKey || !equalBytes(parsed.publicKey, next.theirKey)) {
    await skipTo(next, parsed.previousCount);
    await ratchetStep(next, parsed);
  } else if (parsed.number < next.received) {
    throw new DecryptionError("that message was already received");
  }
  await skipTo(next, parsed.number);
  const [chainKey, messageKey] = await kdfCk(next.receivingChain);
  next.receivingChain = chainKey;
  next.received += 1;
  return { state: next, plaintext: await open(messageKey, header, ciphertext, associatedData) };
}
