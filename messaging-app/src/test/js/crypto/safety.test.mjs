// Safety numbers and encrypted files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { safetyNumber } from "../../../main/resources/web/js/crypto/safety.js";
import { decryptFile, encryptFile } from "../../../main/resources/web/js/crypto/attachment.js";
import { DecryptionError } from "../../../main/resources/web/js/crypto/primitives.js";
import { generateIdentity, identityBytes } from "../../../main/resources/web/js/crypto/keys.js";
import { fromBase64url, toBase64url } from "../../../main/resources/web/js/crypto/encoding.js";

const newKey = async () => toBase64url(identityBytes(await generateIdentity()));

test("both sides compute the same safety number: 12 groups of 5 digits", async () => {
  const alice = { userId: "u-alice", identityKeys: [await newKey(), await newKey()] };
  const bob = { userId: "u-bob", identityKeys: [await newKey()] };
  const seenByAlice = await safetyNumber(alice, bob);
  const seenByBob = await safetyNumber(bob, { ...alice, identityKeys: [...alice.identityKeys].reverse() });
  assert.deepEqual(seenByAlice, seenByBob);
  assert.equal(seenByAlice.length, 12);
  for (const group of seenByAlice) assert.match(group, /^\d{5}$/);
});

test("the safety number changes when a device key is added or replaced", async () => {
  const alice = { userId: "u-alice", identityKeys: [await newKey()] };
  const bob = { userId: "u-bob", identityKeys: [await newKey()] };
  const before = (await safetyNumber(alice, bob)).join(" ");
  const added = (await safetyNumber(alice, { ...bob, identityKeys: [...bob.identityKeys, await newKey()] })).join(" ");
  const replaced = (await safetyNumber(alice, { ...bob, identityKeys: [await newKey()] })).join(" ");
  assert.notEqual(added, before);
  assert.notEqual(replaced, before);
  assert.equal(before.split(" ").slice(6).join(" "), (await safetyNumber({ ...alice, userId: "u-zed" }, bob)).slice(0, 6).join(" "),
    "each half belongs to one user, the smaller user id first");
});

test("a file is encrypted with a fresh key and nonce and reads back; a changed byte or key fails", async () => {
  const bytes = new TextEncoder().encode("an image's bytes, say");
  const sealed = await encryptFile(bytes);
  assert.equal(fromBase64url(sealed.key).length, 32);
  assert.equal(fromBase64url(sealed.iv).length, 12);
  assert.equal(sealed.ciphertext.length, bytes.length + 16);
  assert.ok(!Buffer.from(sealed.ciphertext).includes(Buffer.from("image")));
  assert.deepEqual(await decryptFile(sealed.ciphertext, sealed.key, sealed.iv), bytes);
  const again = await encryptFile(bytes);
  assert.notEqual(again.key, sealed.key);
  const tampered = sealed.ciphertext.slice();
  tampered[3] ^= 1;
  await assert.rejects(decryptFile(tampered, sealed.key, sealed.iv), DecryptionError);
  await assert.rejects(decryptFile(sealed.ciphertext, again.key, sealed.iv), DecryptionError);
});
