// Devices end to end over an in-memory directory and stores: prekey messages, sessions per device pair, several
// devices per user, the kept plaintexts, one-time prekeys used once, and envelopes that must not open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Device, parseEnvelope } from "../../../main/resources/web/js/crypto/device.js";
import { MemoryStore } from "../../../main/resources/web/js/crypto/store.js";
import { DecryptionError } from "../../../main/resources/web/js/crypto/primitives.js";
import { KeyError, generateIdentity, generateSignedPreKey, publishedSignedPreKey } from "../../../main/resources/web/js/crypto/keys.js";
import { fromBase64url, toBase64url } from "../../../main/resources/web/js/crypto/encoding.js";
import { FakeDirectory, deviceOf } from "./fake-directory.mjs";

test("the first message is a prekey message, the answer and what follows are ratchet messages", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const first = await alice.send([bob.address()], "hello bob");
  const envelope = first.envelopes[bob.device.deviceId];
  assert.equal(envelope.type, "prekey");
  assert.deepEqual(first.failed, []);
  assert.equal(await bob.read("alice", envelope), "hello bob");
  const answer = (await bob.send([alice.address()], "hi alice")).envelopes[alice.device.deviceId];
  assert.equal(answer.type, "message");
  assert.equal(directory.claims, 1, "the answer needs no claim: the session exists");
  assert.equal(await alice.read("bob", answer), "hi alice");
  const third = (await alice.send([bob.address()], "how are you")).envelopes[bob.device.deviceId];
  assert.equal(third.type, "message", "once answered, the initiator stops sending the X3DH header");
  assert.equal(await bob.read("alice", third), "how are you");
});

test("until the answer comes every message carries the X3DH header, so a lost first message loses nothing", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  await alice.send([bob.address()], "lost on the way");
  const second = (await alice.send([bob.address()], "second")).envelopes[bob.device.deviceId];
  const third = (await alice.send([bob.address()], "third")).envelopes[bob.device.deviceId];
  assert.equal(second.type, "prekey");
  assert.equal(await bob.read("alice", third), "third");
  assert.equal(await bob.read("alice", second), "second", "the same X3DH header again finds the same session");
  assert.equal(directory.devices.get("bob/" + bob.device.deviceId).oneTimePreKeys.length, 4);
});

test("a one-time prekey is used once: its private half is deleted after the first message", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const envelope = (await alice.send([bob.address()], "one")).envelopes[bob.device.deviceId];
  const { oneTimePreKeyId } = parseEnvelope(envelope);
  assert.ok(await bob.store.get("oneTimePreKeys", oneTimePreKeyId));
  assert.equal(await bob.read("alice", envelope), "one");
  assert.equal(await bob.store.get("oneTimePreKeys", oneTimePreKeyId), undefined);
  // The same prekey message on a device that lost its session (restored store): the one-time key is gone.
  const fresh = await Device.open({ store: bob.store, directory });
  await bob.store.delete("sessions", "alice/" + alice.device.deviceId);
  await assert.rejects(fresh.decrypt({ senderId: "alice", envelope }), /already used/);
});

test("when the one-time prekeys run out the session starts with the signed prekey alone", async () => {
  const directory = new FakeDirectory();
  const bob = await deviceOf(directory, "bob", { oneTimePreKeys: 1 });
  const first = await deviceOf(directory, "alice");
  const second = await deviceOf(directory, "carol");
  const a = (await first.send([bob.address()], "with one-time key")).envelopes[bob.device.deviceId];
  const c = (await second.send([bob.address()], "without")).envelopes[bob.device.deviceId];
  assert.notEqual(parseEnvelope(a).oneTimePreKeyId, null);
  assert.equal(parseEnvelope(c).oneTimePreKeyId, null);
  assert.equal(await bob.read("carol", c), "without");
  assert.equal(await bob.read("alice", a), "with one-time key");
});

test("a message goes to every device of every participant and to the sender's other devices, each its own envelope", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bobPhone = await deviceOf(directory, "bob");
  const bobLaptop = await deviceOf(directory, "bob");
  const aliceTablet = await deviceOf(directory, "alice");
  const recipients = [...directory.list("bob"), ...directory.list("alice")].filter((d) => d.deviceId !== alice.device.deviceId);
  assert.equal(recipients.length, 3);
  const { envelopes } = await alice.send(recipients, "to everyone");
  assert.equal(new Set(Object.values(envelopes).map((e) => e.body)).size, 3);
  assert.equal(await bobPhone.read("alice", envelopes[bobPhone.device.deviceId]), "to everyone");
  assert.equal(await bobLaptop.read("alice", envelopes[bobLaptop.device.deviceId]), "to everyone");
  assert.equal(await aliceTablet.read("alice", envelopes[aliceTablet.device.deviceId]), "to everyone");
  await assert.rejects(bobLaptop.read("alice", envelopes[bobPhone.device.deviceId]), DecryptionError,
    "one device's envelope does not open on another");
});

test("a device added later cannot read what was sent before it existed", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bobPhone = await deviceOf(directory, "bob");
  const before = await alice.send(directory.list("bob"), "before the laptop");
  const bobLaptop = await deviceOf(directory, "bob");
  assert.equal(before.envelopes[bobLaptop.device.deviceId], undefined);
  await assert.rejects(bobLaptop.read("alice", before.envelopes[bobPhone.device.deviceId]), DecryptionError);
  const after = await alice.send(directory.list("bob"), "after");
  assert.equal(await bobLaptop.read("alice", after.envelopes[bobLaptop.device.deviceId]), "after");
});

test("the same message id again is answered from the kept plaintext; a replay under another id is refused", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  await bob.read("alice", (await alice.send([bob.address()], "set up")).envelopes[bob.device.deviceId], "m0");
  await alice.read("bob", (await bob.send([alice.address()], "ok")).envelopes[alice.device.deviceId], "m1");
  const envelope = (await alice.send([bob.address()], "kept")).envelopes[bob.device.deviceId];
  assert.equal(await bob.read("alice", envelope, "m2"), "kept");
  assert.equal(await bob.read("alice", envelope, "m2"), "kept", "history loaded again");
  await assert.rejects(bob.read("alice", envelope, "m3"), DecryptionError);
  await alice.device.keep("client:abc", new TextEncoder().encode("my own"));
  assert.equal(new TextDecoder().decode(await alice.device.kept("client:abc")), "my own");
});

test("a tampered envelope does not open, and the session still reads the genuine one", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const first = (await alice.send([bob.address()], "first")).envelopes[bob.device.deviceId];
  const body = fromBase64url(first.body);
  for (const position of [1, 3, 60, body.length - 20, body.length - 1]) {
    const bad = body.slice();
    bad[position] ^= 0x10;
    await assert.rejects(bob.read("alice", { type: "prekey", body: toBase64url(bad) }), DecryptionError);
  }
  await assert.rejects(bob.read("alice", { type: "message", body: first.body }), DecryptionError);
  await assert.rejects(bob.read("alice", { type: "prekey", body: "!!" }), DecryptionError);
  await assert.rejects(bob.read("alice", { type: "prekey", body: "AQ" }), DecryptionError);
  assert.equal(await bob.read("alice", first), "first");
  const next = (await bob.send([alice.address()], "answer")).envelopes[alice.device.deviceId];
  const bad = fromBase64url(next.body);
  bad[bad.length - 5] ^= 1;
  await assert.rejects(alice.read("bob", { type: "message", body: toBase64url(bad) }), DecryptionError);
  assert.equal(await alice.read("bob", next), "answer");
});

test("a prekey message whose identity key is not the one the sender's device published is refused", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const envelope = (await alice.send([bob.address()], "hello")).envelopes[bob.device.deviceId];
  await assert.rejects(bob.read("mallory", envelope), /identity key/, "another sender naming alice's device");
  const impostor = await Device.open({ store: new MemoryStore(), directory, newId: () => alice.device.deviceId });
  const forged = (await impostor.encrypt([bob.address()], new TextEncoder().encode("forged"))).envelopes[bob.device.deviceId];
  await assert.rejects(bob.read("alice", forged), /identity key/, "a device that reuses alice's device id with other keys");
  assert.equal(await bob.read("alice", envelope), "hello");
});

test("a bundle with a bad signed-prekey signature starts no session and sends nothing to that device", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const mallory = await generateIdentity();
  directory.devices.get("bob/" + bob.device.deviceId).signedPreKey = publishedSignedPreKey(await generateSignedPreKey(mallory, 1));
  const result = await alice.send([bob.address()], "secret");
  assert.deepEqual(result.envelopes, {});
  assert.equal(result.failed.length, 1);
  assert.ok(result.failed[0].error instanceof KeyError);
  assert.equal(await alice.store.get("sessions", "bob/" + bob.device.deviceId), undefined);
});

test("a device whose identity key changed gets a new session; a claim with another identity key is refused", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  assert.equal(await bob.read("alice", (await alice.send([bob.address()], "one")).envelopes[bob.device.deviceId]), "one");
  const reinstalled = await Device.open({ store: new MemoryStore(), directory, newId: () => bob.device.deviceId });
  const stale = await alice.send([{ ...bob.address(), identityKey: reinstalled.identityKey }], "two");
  assert.ok(stale.failed[0].error instanceof KeyError, "the directory still has the old keys");
  directory.register("bob", bob.device.deviceId, await reinstalled.registration("bob again", 2));
  const fresh = await alice.send([{ ...bob.address(), identityKey: reinstalled.identityKey }], "three");
  const envelope = fresh.envelopes[bob.device.deviceId];
  assert.equal(envelope.type, "prekey");
  assert.equal(new TextDecoder().decode(await reinstalled.decrypt({ senderId: "alice", envelope })), "three");
});

test("two devices that start a session with each other at the same time both read everything and converge", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const [fromAlice, fromBob] = await Promise.all([alice.send([bob.address()], "a1"), bob.send([alice.address()], "b1")]);
  assert.equal(await bob.read("alice", fromAlice.envelopes[bob.device.deviceId]), "a1");
  assert.equal(await alice.read("bob", fromBob.envelopes[alice.device.deviceId]), "b1");
  for (let i = 2; i < 6; i++) {
    assert.equal(await bob.read("alice", (await alice.send([bob.address()], "a" + i)).envelopes[bob.device.deviceId]), "a" + i);
    assert.equal(await alice.read("bob", (await bob.send([alice.address()], "b" + i)).envelopes[alice.device.deviceId]), "b" + i);
  }
  const last = (await alice.send([bob.address()], "settled")).envelopes[bob.device.deviceId];
  assert.equal(last.type, "message");
});

test("concurrent sends and reads on one session are serialised and all open", async () => {
  const directory = new FakeDirectory();
  const alice = await deviceOf(directory, "alice");
  const bob = await deviceOf(directory, "bob");
  const sent = await Promise.all(Array.from({ length: 8 }, (_, i) => alice.send([bob.address()], "c" + i)));
  const read = await Promise.all(sent.map((s, i) => bob.read("alice", s.envelopes[bob.device.deviceId], "id" + i)));
  assert.deepEqual(read, Array.from({ length: 8 }, (_, i) => "c" + i));
});

test("a device's keys survive a reload of its store, and the private keys are not extractable", async () => {
  const directory = new FakeDirectory();
  const store = new MemoryStore();
  const bob = await deviceOf(directory, "bob", { store });
  const again = await Device.open({ store, directory });
  assert.equal(again.deviceId, bob.device.deviceId);
  assert.equal(again.identityKey, bob.device.identityKey);
  assert.equal(fromBase64url(again.identityKey).length, 64);
  const self = await store.get("device", "self");
  assert.equal(self.identity.dh.privateKey.extractable, false);
  assert.equal(self.identity.signing.privateKey.extractable, false);
  await assert.rejects(crypto.subtle.exportKey("pkcs8", self.identity.dh.privateKey));
  const oneTime = await store.get("oneTimePreKeys", (await store.keys("oneTimePreKeys"))[0]);
  assert.equal(oneTime.keyPair.privateKey.extractable, false);
});
