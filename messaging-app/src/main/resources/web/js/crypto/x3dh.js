// X3DH key agreement (Signal's "The X3DH Key Agreement Protocol", with separate X25519 and Ed25519 identity keys
// in place of XEdDSA): the initiator combines its identity key and a fresh ephemeral key with the responder's
// identity key, signed prekey and (when one was handed out) one-time prekey.
//   DH1 = DH(IK_A, SPK_B)  DH2 = DH(EK_A, IK_B)  DH3 = DH(EK_A, SPK_B)  DH4 = DH(EK_A, OPK_B)
//   SK  = HKDF(salt = 32 zero bytes, IKM = 32 0xFF bytes || DH1 || DH2 || DH3 [|| DH4], info, 32 bytes)
//   AD  = IK_A || IK_B (64 public bytes each)
import { concat, fromBase64url, utf8 } from "./encoding.js";
import { KEY_BYTES, dh, generateDhKeyPair, hkdf } from "./primitives.js";
import { identityBytes, parseIdentityKey, verifiedSignedPreKey } from "./keys.js";

const INFO = utf8("messaging X3DH v1");
const F = new Uint8Array(KEY_BYTES).fill(0xff);
const SALT = new Uint8Array(KEY_BYTES);

async function secret(parts) {
  return hkdf(concat(F, ...parts), SALT, INFO, KEY_BYTES);
}

/**
 * The initiator's side, with a bundle as `POST .../claim` answers it. Refuses (KeyError) a signed prekey whose
 * signature does not verify. Returns the shared secret, the associated data and what the first message carries.
 */
export async function initiate(identity, bundle) {
  const theirs = parseIdentityKey(bundle.identityKey);
  const signedPreKey = await verifiedSignedPreKey(bundle.identityKey, bundle.signedPreKey);
  const oneTime = bundle.oneTimePreKey ? fromBase64url(bundle.oneTimePreKey.publicKey) : null;
  const ephemeral = await generateDhKeyPair();
  const parts = [
    await dh(identity.dh.privateKey, signedPreKey),
    await dh(ephemeral.privateKey, theirs.dh),
    await dh(ephemeral.privateKey, signedPreKey),
  ];
  if (oneTime) parts.push(await dh(ephemeral.privateKey, oneTime));
  return {
    sharedSecret: await secret(parts),
    associatedData: concat(identityBytes(identity), theirs.bytes),
    ephemeralKey: ephemeral.publicKey,
    signedPreKeyId: bundle.signedPreKey.keyId,
    oneTimePreKeyId: bundle.oneTimePreKey ? bundle.oneTimePreKey.keyId : null,
    theirRatchetKey: signedPreKey,
  };
}

/**
 * The responder's side, from the first message's header: the initiator's identity key (64 bytes), its ephemeral
 * key, and our own signed prekey and one-time prekey (null when none was used) that it names.
 */
export async function respond(identity, { theirIdentityKey, ephemeralKey, signedPreKey, oneTimePreKey }) {
  const theirs = parseIdentityKey(theirIdentityKey);
  const parts = [
    await dh(signedPreKey.privateKey, theirs.dh),
    await dh(identity.dh.privateKey, ephemeralKey),
    await dh(signedPreKey.privateKey, ephemeralKey),
  ];
  if (oneTimePreKey) parts.push(await dh(oneTimePreKey.privateKey, ephemeralKey));
  return { sharedSecret: await secret(parts), associatedData: concat(theirs.bytes, identityBytes(identity)) };
}
