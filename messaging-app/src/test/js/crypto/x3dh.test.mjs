// X3DH: both sides derive the same secret; a bundle whose signed prekey is not signed by its identity is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { initiate, respond } from "../../../main/resources/web/js/crypto/x3dh.js";
import { KeyError, generateIdentity, generateSignedPreKey, identityBytes, publishedSignedPreKey }
  from "../../../main/resources/web/js/crypto/keys.js";
import { generateDhKeyPair } from "../../../main/resources/web/js/crypto/primitives.js";
import { toBase64url } from "../../../main/resources/web/js/crypto/encoding.js";

async function responder() {
  const identity = await generateIdentity();
  const signedPreKey = await generateSignedPreKey(identity, 7);
  const oneTime = await generateDhKeyPair();
  const bundle = { deviceId: "bob-1", identityKey: toBase64url(identityBytes(identity)),
    signedPreKey: publishedSignedPreKey(signedPreKey), oneTimePreKey: { keyId: 42, publicKey: toBase64url(oneTime.publicKey) } };
  return { identity, signedPreKey, oneTime, bundle };
}

test("the initiator and the responder derive the same secret and associated data, with a one-time prekey", async () => {
  const alice = await generateIdentity();
  const bob = await responder();
  const sent = await initiate(alice, bob.bundle);
  assert.equal(sent.signedPreKeyId, 7);
  assert.equal(sent.oneTimePreKeyId, 42);
  const received = await respond(bob.identity, { theirIdentityKey: identityBytes(alice), ephemeralKey: sent.ephemeralKey,
    signedPreKey: bob.signedPreKey.keyPair, oneTimePreKey: bob.oneTime });
  assert.equal(sent.sharedSecret.length, 32);
  assert.deepEqual(received.sharedSecret, sent.sharedSecret);
  assert.deepEqual(received.associatedData, sent.associatedData);
  assert.deepEqual(sent.associatedData.slice(0, 64), identityBytes(alice));
});

test("without a one-time prekey both sides agree too, on another secret", async () => {
  const alice = await generateIdentity();
  const bob = await responder();
  const { oneTimePreKey, ...withoutOneTime } = bob.bundle;
  const sent = await initiate(alice, withoutOneTime);
  assert.equal(sent.oneTimePreKeyId, null);
  const received = await respond(bob.identity, { theirIdentityKey: identityBytes(alice), ephemeralKey: sent.ephemeralKey,
    signedPreKey: bob.signedPreKey.keyPair, oneTimePreKey: null });
  assert.deepEqual(received.sharedSecret, sent.sharedSecret);
  const wrong = await respond(bob.identity, { theirIdentityKey: identityBytes(alice), ephemeralKey: sent.ephemeralKey,
    signedPreKey: bob.signedPreKey.keyPair, oneTimePreKey: bob.oneTime });
  assert.notDeepEqual(wrong.sharedSecret, sent.sharedSecret);
});

test("a signed prekey with a corrupted signature is refused", async () => {
  const alice = await generateIdentity();
  const { bundle } = await responder();
  const signature = Buffer.from(bundle.signedPreKey.signature, "base64url");
  signature[10] ^= 0x40;
  const bad = { ...bundle, signedPreKey: { ...bundle.signedPreKey, signature: toBase64url(signature) } };
  await assert.rejects(initiate(alice, bad), KeyError);
});

test("a signed prekey signed by another identity (a server swapping keys) is refused", async () => {
  const alice = await generateIdentity();
  const bob = await responder();
  const mallory = await generateIdentity();
  const forged = publishedSignedPreKey(await generateSignedPreKey(mallory, 7));
  await assert.rejects(initiate(alice, { ...bob.bundle, signedPreKey: forged }), KeyError);
  const otherKey = toBase64url((await generateDhKeyPair()).publicKey);
  await assert.rejects(initiate(alice, { ...bob.bundle, signedPreKey: { ...bob.bundle.signedPreKey, publicKey: otherKey } }), KeyError);
  await assert.rejects(initiate(alice, { ...bob.bundle, signedPreKey: { ...bob.bundle.signedPreKey, signature: "%%" } }), KeyError);
  await assert.rejects(initiate(alice, { ...bob.bundle, identityKey: bob.bundle.identityKey.slice(0, 43) }));
});
