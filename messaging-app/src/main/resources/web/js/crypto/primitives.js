// The WebCrypto operations the protocol is made of (no primitive of its own): X25519, Ed25519, HKDF-SHA-256,
// HMAC-SHA-256, AES-256-GCM and SHA-512. Private keys are generated non-extractable and never exported.
const subtle = globalThis.crypto.subtle;

export const KEY_BYTES = 32;

export function randomBytes(length) {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A new X25519 key pair: a non-extractable private key and the 32 bytes of its public key. */
export async function generateDhKeyPair() {
  const pair = await subtle.generateKey({ name: "X25519" }, false, ["deriveBits"]);
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle.exportKey("raw", pair.publicKey)) };
}

/** A new Ed25519 key pair: a non-extractable private key and the 32 bytes of its public key. */
export async function generateSigningKeyPair() {
  const pair = await subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle.exportKey("raw", pair.publicKey)) };
}

/** X25519 of our private key and their 32-byte public key: 32 shared bytes. */
export async function dh(privateKey, theirPublic) {
  const publicKey = await subtle.importKey("raw", theirPublic, { name: "X25519" }, true, []);
  return new Uint8Array(await subtle.deriveBits({ name: "X25519", public: publicKey }, privateKey, 256));
}

export async function sign(privateKey, data) {
  return new Uint8Array(await subtle.sign({ name: "Ed25519" }, privateKey, data));
}

/** Whether `signature` is an Ed25519 signature of `data` by the 32-byte public key; false for malformed input. */
export async function verify(publicKeyBytes, signature, data) {
  try {
    const publicKey = await subtle.importKey("raw", publicKeyBytes, { name: "Ed25519" }, true, ["verify"]);
    return await subtle.verify({ name: "Ed25519" }, publicKey, signature, data);
  } catch (error) {
    return false;
  }
}

/** HKDF-SHA-256 (RFC 5869): `length` bytes from input keying material, salt and info. */
export async function hkdf(ikm, salt, info, length) {
  const key = await subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, length * 8));
}

/** HMAC-SHA-256 of data under a key given as bytes. */
export async function hmac(keyBytes, data) {
  const key = await subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", key, data));
}

export async function sha512(data) {
  return new Uint8Array(await subtle.digest("SHA-512", data));
}

async function aesKey(keyBytes, usages) {
  return subtle.importKey("raw", keyBytes, { name: "AES-GCM" }, false, usages);
}

/** AES-256-GCM with a 128-bit tag; `aad` is authenticated, not encrypted. */
export async function aeadEncrypt(keyBytes, iv, plaintext, aad = new Uint8Array(0)) {
  const key = await aesKey(keyBytes, ["encrypt"]);
  return new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, key, plaintext));
}

/** Opens AES-256-GCM; throws a DecryptionError when the key, nonce, data or tag do not match. */
export async function aeadDecrypt(keyBytes, iv, ciphertext, aad = new Uint8Array(0)) {
  const key = await aesKey(keyBytes, ["decrypt"]);
  try {
    return new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv, additionalData: aad }, key, ciphertext));
  } catch (error) {
    throw new DecryptionError("the message does not authenticate");
  }
}

/** A message that cannot be opened: tampered, not for this device, replayed or from an unknown session. */
export class DecryptionError extends Error {
  constructor(message) {
    super(message);
    this.name = "DecryptionError";
  }
}

