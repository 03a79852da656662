// A device's keys as the server's directory carries them: the identity key (X25519 for key agreement and Ed25519
// for signatures, published together as one base64url string of 64 bytes), the signed prekey and one-time prekeys.
import { concat, fromBase64url, toBase64url } from "./encoding.js";
import { KEY_BYTES, generateDhKeyPair, generateSigningKeyPair, sign, verify } from "./primitives.js";

/** A device's long-term keys: `dh` (X25519) and `signing` (Ed25519), private halves non-extractable. */
export async function generateIdentity() {
  return { dh: await generateDhKeyPair(), signing: await generateSigningKeyPair() };
}

/** The 64 public bytes of an identity: the X25519 key, then the Ed25519 key. */
export function identityBytes(identity) {
  return concat(identity.dh.publicKey, identity.signing.publicKey);
}

/** The directory's `identityKey` (base64url of 64 bytes) split into its two public keys; throws when malformed. */
export function parseIdentityKey(identityKey) {
  const bytes = typeof identityKey === "string" ? fromBase64url(identityKey) : identityKey;
  if (bytes.length !== 2 * KEY_BYTES) throw new Error("an identity key is 64 bytes");
  return { bytes, dh: bytes.slice(0, KEY_BYTES), signing: bytes.slice(KEY_BYTES) };
}

/** A signed prekey: an X25519 key pair whose public key the identity's Ed25519 key signs. */
export async function generateSignedPreKey(identity, keyId) {
  const pair = await generateDhKeyPair();
  const signature = await sign(identity.signing.privateKey, pair.publicKey);
  return { keyId, keyPair: pair, signature };
}

/** The signed prekey as the directory publishes it. */
export function publishedSignedPreKey(signedPreKey) {
  return { keyId: signedPreKey.keyId, publicKey: toBase64url(signedPreKey.keyPair.publicKey),
    signature: toBase64url(signedPreKey.signature) };
}

/** Checks a published signed prekey against the identity key that signed it; returns its public bytes or throws. */
export async function verifiedSignedPreKey(identityKey, signedPreKey) {
  const identity = parseIdentityKey(identityKey);
  let publicKey;
  let signature;
  try {
    publicKey = fromBase64url(signedPreKey.publicKey);
    signature = fromBase64url(signedPreKey.signature);
  } catch (error) {
    throw new KeyError("the signed prekey is not base64url");
  }
  if (publicKey.length !== KEY_BYTES || !(await verify(identity.signing, signature, publicKey))) {
    throw new KeyError("the signed prekey's signature does not verify");
  }
  return publicKey;
}

/** A published key that cannot be used: malformed or wrongly signed. */
export class KeyError extends Error {
  constructor(message) {
    super(message);
    this.name = "KeyError";
  }
}
