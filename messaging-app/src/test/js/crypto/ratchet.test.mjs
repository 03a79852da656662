// The Double Ratchet: round trips with a DH ratchet step after each reply, out-of-order and lost messages,
// tampering, replays and the bound on skipped message keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_SKIP, decrypt, encrypt, initReceiver, initSender, parseHeader }
  from "../../../main/resources/web/js/crypto/ratchet.js";
import { DecryptionError, generateDhKeyPair, randomBytes } from "../../../main/resources/web/js/crypto/primitives.js";
import { fromUtf8, toBase64url, utf8 } from "../../../main/resources/web/js/crypto/encoding.js";

const AD = utf8("associated data of the session");

/** Two ends of a fresh ratchet, as X3DH leaves them; each send/receive moves that end's state on. */
async function pair() {
  const secret = randomBytes(32);
  const bobKey = await generateDhKeyPair();
  const ends = { alice: await initSender(secret, bobKey.publicKey), bob: initReceiver(secret, bobKey) };
  return {
    ends,
    async send(from, text) {
      const sealed = await encrypt(ends[from], utf8(text), AD);
      ends[from] = sealed.state;
      return sealed;
    },
    async receive(to, { header, ciphertext }) {
      const opened = await decrypt(ends[to], header, ciphertext, AD);
      ends[to] = opened.state;
      return fromUtf8(opened.plaintext);
    },
  };
}

test("messages go both ways, and every reply brings a new ratchet key (a DH ratchet step)", async () => {
  const r = await pair();
  const keys = [];
  for (let round = 0; round < 4; round++) {
    const a = await r.send("alice", "from alice " + round);
    const a2 = await r.send("alice", "again from alice " + round);
    assert.equal(await r.receive("bob", a), "from alice " + round);
    assert.equal(await r.receive("bob", a2), "again from alice " + round);
    const b = await r.send("bob", "from bob " + round);
    assert.equal(await r.receive("alice", b), "from bob " + round);
    keys.push(toBase64url(parseHeader(a.header).publicKey), toBase64url(parseHeader(b.header).publicKey));
    assert.equal(toBase64url(parseHeader(a2.header).publicKey), keys.at(-2), "no new key without a reply");
    assert.equal(parseHeader(a2.header).number, 1);
  }
  assert.equal(new Set(keys).size, keys.length, "each turn of the conversation has its own ratchet key");
});

test("messages that arrive out of order, also across a ratchet step, are all read", async () => {
  const r = await pair();
  const first = await r.send("alice", "one");
  assert.equal(await r.receive("bob", first), "one");
  const reply = await r.send("bob", "reply");
  assert.equal(await r.receive("alice", reply), "reply");
  const m = [];
  for (let i = 0; i < 5; i++) m.push(await r.send("alice", "m" + i));
  assert.equal(await r.receive("bob", m[2]), "m2");
  const later = await r.send("bob", "bob again");
  assert.equal(await r.receive("alice", later), "bob again");
  const after = await r.send("alice", "after the step");
  assert.equal(await r.receive("bob", after), "after the step", "a message of the next chain first");
  assert.equal(parseHeader(after.header).previousCount, 5);
  for (const i of [3, 0, 4, 1]) assert.equal(await r.receive("bob", m[i]), "m" + i);
  assert.equal(r.ends.bob.skipped.length, 0, "every skipped key was used once");
});

test("lost messages do not stop the conversation, and their keys wait bounded", async () => {
  const r = await pair();
  const sent = [];
  for (let i = 0; i < 10; i++) sent.push(await r.send("alice", "n" + i));
  for (const i of [0, 4, 9]) assert.equal(await r.receive("bob", sent[i]), "n" + i);
  assert.equal(r.ends.bob.skipped.length, 7);
  const reply = await r.send("bob", "got some");
  assert.equal(await r.receive("alice", reply), "got some");
  assert.equal(await r.receive("bob", await r.send("alice", "next chain")), "next chain");
  assert.equal(await r.receive("bob", sent[6]), "n6", "a lost message that turns up later is still read");
});

test("a message is read once: the same ciphertext again is refused", async () => {
  const r = await pair();
  const m = await r.send("alice", "once");
  assert.equal(await r.receive("bob", m), "once");
  await assert.rejects(r.receive("bob", m), DecryptionError);
  const skipped = [await r.send("alice", "a"), await r.send("alice", "b")];
  assert.equal(await r.receive("bob", skipped[1]), "b");
  assert.equal(await r.receive("bob", skipped[0]), "a");
  await assert.rejects(r.receive("bob", skipped[0]), DecryptionError);
});

test("a tampered ciphertext or header fails to decrypt and leaves the state as it was", async () => {
  const r = await pair();
  const m = await r.send("alice", "the real text");
  const before = r.ends.bob;
  for (let position of [0, 5, m.ciphertext.length - 1]) {
    const ciphertext = m.ciphertext.slice();
    ciphertext[position] ^= 1;
    await assert.rejects(r.receive("bob", { ...m, ciphertext }), DecryptionError);
  }
  const header = m.header.slice();
  header[header.length - 1] ^= 1;
  await assert.rejects(r.receive("bob", { ...m, header }), DecryptionError);
  const counter = m.header.slice();
  counter[35] ^= 0x02;
  await assert.rejects(r.receive("bob", { ...m, header: counter }), DecryptionError);
  await assert.rejects(decrypt(r.ends.bob, m.header, m.ciphertext, utf8("other associated data")), DecryptionError);
  assert.equal(r.ends.bob, before);
  assert.equal(await r.receive("bob", m), "the real text", "the genuine message still opens afterwards");
});

test(`at most ${MAX_SKIP} messages may be skipped: a message further ahead is refused`, async () => {
  const r = await pair();
  assert.equal(await r.receive("bob", await r.send("alice", "start")), "start");
  let last;
  for (let i = 0; i <= MAX_SKIP + 1; i++) last = await r.send("alice", "x" + i);
  await assert.rejects(r.receive("bob", last), /skipped/);
  assert.equal(r.ends.bob.skipped.length, 0);
  const r2 = await pair();
  assert.equal(await r2.receive("bob", await r2.send("alice", "start")), "start");
  for (let i = 0; i < MAX_SKIP; i++) last = await r2.send("alice", "y" + i);
  assert.equal(await r2.receive("bob", last), "y" + (MAX_SKIP - 1), "exactly the bound is still fine");
  assert.equal(r2.ends.bob.skipped.length, MAX_SKIP - 1);
});

test(`the kept skipped keys never exceed ${MAX_SKIP}: the oldest are dropped first`, async () => {
  const r = await pair();
  const early = await r.send("alice", "early");
  let last;
  for (let i = 0; i < 700; i++) last = await r.send("alice", "a" + i);
  assert.equal(await r.receive("bob", last), "a699");
  const reply = await r.send("bob", "reply");
  assert.equal(await r.receive("alice", reply), "reply");
  for (let i = 0; i < 700; i++) last = await r.send("alice", "b" + i);
  assert.equal(await r.receive("bob", last), "b699");
  assert.equal(r.ends.bob.skipped.length, MAX_SKIP);
  await assert.rejects(r.receive("bob", early), DecryptionError, "the oldest skipped key is gone");
});

test("the responder cannot send before it has received the first message", async () => {
  const r = await pair();
  await assert.rejects(r.send("bob", "too early"));
});
