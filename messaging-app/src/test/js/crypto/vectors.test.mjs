// The WebCrypto primitives the protocol uses, against their specifications' test vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dh, hkdf, verify } from "../../../main/resources/web/js/crypto/primitives.js";
import { fromBase64url, padWithSpaces, toBase64url } from "../../../main/resources/web/js/crypto/encoding.js";

const hex = (text) => Uint8Array.from(text.match(/../g) || [], (byte) => parseInt(byte, 16));
const toHex = (bytes) => Buffer.from(bytes).toString("hex");
const range = (from, to) => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

test("HKDF-SHA-256 gives RFC 5869's test case 1", async () => {
  const okm = await hkdf(hex("0b".repeat(22)), hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  assert.equal(toHex(okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
});

test("HKDF-SHA-256 gives RFC 5869's test case 2 (long inputs)", async () => {
  const okm = await hkdf(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
  assert.equal(toHex(okm), "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
    + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
});

test("HKDF-SHA-256 gives RFC 5869's test case 3 (empty salt and info)", async () => {
  const okm = await hkdf(hex("0b".repeat(22)), new Uint8Array(0), new Uint8Array(0), 42);
  assert.equal(toHex(okm), "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
});

const X25519_PKCS8 = "302e020100300506032b656e04220420";
const ED25519_PKCS8 = "302e020100300506032b657004220420";

async function x25519Private(secret) {
  return crypto.subtle.importKey("pkcs8", hex(X25519_PKCS8 + secret), { name: "X25519" }, false, ["deriveBits"]);
}

test("X25519 gives RFC 7748's Diffie-Hellman vector (section 6.1) both ways", async () => {
  const alice = await x25519Private("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const bob = await x25519Private("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  const alicePublic = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  const bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
  assert.equal(toHex(await dh(alice, bobPublic)), shared);
  assert.equal(toHex(await dh(bob, alicePublic)), shared);
});

test("X25519 gives RFC 7748's scalar multiplication vector (section 5.2)", async () => {
  const scalar = await x25519Private("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  const u = hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  assert.equal(toHex(await dh(scalar, u)), "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
});

test("Ed25519 gives RFC 8032's test 1 signature, and verify accepts it and nothing else", async () => {
  const secret = await crypto.subtle.importKey("pkcs8",
    hex(ED25519_PKCS8 + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), { name: "Ed25519" }, false, ["sign"]);
  const publicKey = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, secret, new Uint8Array(0)));
  assert.equal(toHex(signature), expected);
  assert.equal(await verify(publicKey, signature, new Uint8Array(0)), true);
  assert.equal(await verify(publicKey, signature, Uint8Array.of(0)), false);
  const flipped = signature.slice();
  flipped[0] ^= 1;
  assert.equal(await verify(publicKey, flipped, new Uint8Array(0)), false);
  assert.equal(await verify(publicKey.slice(1), signature, new Uint8Array(0)), false);
});

test("base64url has no padding and no '+' or '/', and reads back", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = toBase64url(bytes);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(fromBase64url(text), bytes);
  assert.equal(toBase64url(hex("fbff")), "-_8");
  assert.throws(() => fromBase64url("not base64!"));
});

test("a plaintext is padded with spaces to a multiple of 32 bytes, and still parses as the same JSON", () => {
  const encode = (value) => new TextEncoder().encode(JSON.stringify(value));
  for (const text of ["", "hi", "x".repeat(29), "x".repeat(30), "é".repeat(40)]) {
    const bytes = encode({ text });
    const padded = padWithSpaces(bytes);
    assert.equal(padded.length % 32, 0);
    assert.ok(padded.length > bytes.length && padded.length <= bytes.length + 32);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(padded)), { text });
  }
  assert.equal(padWithSpaces(encode({ text: "a" })).length, padWithSpaces(encode({ text: "abcdefgh" })).length);
});
