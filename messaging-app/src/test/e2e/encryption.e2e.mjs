// End-to-end encryption in the browser: Alice and Bob, and later Bob's second device (another browser context),
// in a direct chat that Alice switches to encrypted and in a group created encrypted. Encrypted messages both
// ways and from the second device, an encrypted image, the lock, safety numbers that agree, the warning when
// Bob's keys change, "cannot decrypt" on the device added later and for a tampered envelope, no edit for
// encrypted messages, history after a reload. E2EE_SECRETS names a file where the script writes what must not
// reach the server (every encrypted text, the image) and one text sent before encryption was on, which must:
// BrowserEndToEndTest then scans the data directory and the server log for them.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { assertAccessible, assertNoOverflow, base, device, PHONE, expect, finish, openConversation, person, rest, sendText, snap, startChat, step,
  suffix, tokenOf, until } from "./lib.mjs";

process.env.SCENARIO ||= "encryption";
const marker = () => "secret-" + suffix + "-" + randomBytes(6).toString("hex");
const secrets = { before: "hello before encryption " + suffix, texts: [], image: null };
const secret = (label) => {
  const text = `${label} ${marker()}`;
  secrets.texts.push(text);
  return text;
};
function save() {
  if (process.env.E2EE_SECRETS) writeFileSync(process.env.E2EE_SECRETS, JSON.stringify(secrets));
}

/** A PNG of random pixels: its bytes are unique, so a copy of them anywhere is a copy of this image. */
function randomPng(size) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = Buffer.concat(Array.from({ length: size }, () => Buffer.concat([Buffer.of(0), randomBytes(size * 3)])));
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0))]);
}

const contentOf = (who, text) => who.page.locator("[data-testid=message]:not(.pending)", {
  has: who.page.getByTestId("message-content").filter({ hasText: text }) });
const seen = (who, text) => contentOf(who, text).first().waitFor({ timeout: 15000 });
const lockIn = (who, where) => who.page.locator(where + " [data-testid=encrypted-badge]").first();
const undecryptable = (who) => who.page.locator("[data-testid=message] [data-testid=undecryptable]");

async function logIn(as, label) {
  const { context, page } = await device(label);
  await page.goto(base + "/");
  await page.getByTestId("login-name").fill(as.username);
  await page.getByTestId("login-password").fill(as.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 15000 });
  return { ...as, name: label, context, page };
}

async function openInfo(who) {
  if (await who.page.getByTestId("info-panel").isHidden()) await who.page.getByTestId("info").click();
  await who.page.getByTestId("info-panel").waitFor({ timeout: 5000 });
}

async function safetyNumberSeenBy(who) {
  await openInfo(who);
  const number = who.page.getByTestId("safety-number").first();
  await number.waitFor({ timeout: 15000 });
  return (await number.locator("span").allTextContents()).join(" ");
}

const alice = await person("Alice");
const bob = await person("Bob");
const carol = await person("Carol");
let bobLaptop;
let directId;
const first = secret("Our first secret:");
const fromLaptop = secret("Written on the laptop:");
const afterLaptop = secret("After the laptop joined:");
const answer = secret("Bob's answer:");
const inGroup = secret("In the encrypted group:");
const toCarol = secret("A chat encrypted from its first message:");
const tampered = secret("This text must never show:");
const afterTamper = secret("Still readable after the tampering:");
const image = randomPng(48);
secrets.image = image.toString("base64");
const imageFile = join(mkdtempSync(join(tmpdir(), "e2ee-image-")), "holiday.png");
writeFileSync(imageFile, image);
save();

await step("a direct chat starts unencrypted: no lock, and its details offer to turn encryption on", async () => {
  await startChat(alice, bob);
  await sendText(alice, secrets.before);
  directId = await alice.page.evaluate(() => decodeURIComponent(location.hash.slice(4)));
  await openConversation(bob, alice.display);
  await seen(bob, secrets.before);
  expect((await alice.page.locator("#pane-badges [data-testid=encrypted-badge]").count()) === 0, "a lock on a plain chat");
  await openInfo(alice);
  await alice.page.getByTestId("turn-on-encryption").waitFor({ timeout: 5000 });
});

await step("turning encryption on asks first, then both see the lock in the list and the header", async () => {
  await alice.page.getByTestId("turn-on-encryption").click();
  await alice.page.getByTestId("dialog").filter({ hasText: "cannot be turned off" }).waitFor({ timeout: 5000 });
  await snap(alice, "turn-on-encryption");
  await assertAccessible(alice, "turn on encryption dialog");
  await alice.page.getByTestId("dialog-confirm").click();
  await lockIn(alice, "#pane-badges").waitFor({ timeout: 10000 });
  await lockIn(alice, "[data-testid=conversation-list]").waitFor({ timeout: 10000 });
  await lockIn(bob, "#pane-badges").waitFor({ timeout: 10000 });
  await lockIn(bob, "[data-testid=conversation-list]").waitFor({ timeout: 10000 });
  await alice.page.getByTestId("encryption-info").waitFor({ timeout: 10000 });
  expect((await alice.page.getByTestId("turn-on-encryption").count()) === 0, "encryption can be turned on twice");
});

await step("encrypted messages go both ways and read as sent", async () => {
  await sendText(alice, first);
  await seen(bob, first);
  await sendText(bob, answer);
  await seen(alice, answer);
});

await step("Send later, voice and editing are not offered in an encrypted conversation", async () => {
  expect(await alice.page.getByTestId("composer-action-send-later").isHidden(), "Send later is offered");
  expect(await alice.page.getByTestId("composer-action-voice").isHidden(), "voice is offered");
  expect((await contentOf(alice, first).getByTestId("edit").count()) === 0, "an encrypted message can be edited");
  expect((await contentOf(alice, first).getByTestId("delete").count()) === 1, "an encrypted message cannot be deleted");
  expect((await contentOf(alice, secrets.before).getByTestId("edit").count()) === 0,
    "the plain message from before can be edited (which would put plaintext into an encrypted conversation)");
});

let numberBefore;
await step("both see the same safety number in the details", async () => {
  numberBefore = await safetyNumberSeenBy(alice);
  expect(/^(\d{5} ){11}\d{5}$/.test(numberBefore), "not 12 groups of 5 digits: " + numberBefore);
  expect(numberBefore === await safetyNumberSeenBy(bob), "Alice and Bob see different safety numbers");
  await snap(alice, "safety-number");
  await assertAccessible(alice, "encrypted conversation with its safety number");
});

await step("Bob signs in on a second device: Alice is warned that his keys changed, and the safety number changes", async () => {
  bobLaptop = await logIn(bob, "Bob's laptop");
  await alice.page.getByTestId("key-change-warning").waitFor({ timeout: 15000 });
  await snap(alice, "key-change-warning");
  await assertAccessible(alice, "key change warning");
  await until(alice.page, (before) => {
    const number = document.querySelector("[data-testid=safety-number]");
    return number && [...number.children].map((s) => s.textContent).join(" ") !== before;
  }, numberBefore, 15000);
  await alice.page.getByTestId("key-warning-dismiss").click();
  await alice.page.getByTestId("key-change-warning").waitFor({ state: "detached", timeout: 5000 });
});

await step("the new device cannot decrypt what was sent before it existed, and says so", async () => {
  await openConversation(bobLaptop, alice.display);
  await seen(bobLaptop, secrets.before);
  await undecryptable(bobLaptop).first().filter({ hasText: "Cannot decrypt this message" }).waitFor({ timeout: 15000 });
  expect((await bobLaptop.page.getByText(first).count()) === 0, "the laptop shows a message from before it was added");
  await snap(bobLaptop, "cannot-decrypt");
  await assertAccessible(bobLaptop, "a message this device cannot decrypt");
});

await step("after that every device reads everything: Alice's, Bob's phone's and the laptop's messages", async () => {
  await sendText(alice, afterLaptop);
  await seen(bob, afterLaptop);
  await seen(bobLaptop, afterLaptop);
  await sendText(bobLaptop, fromLaptop);
  await seen(alice, fromLaptop);
  await seen(bob, fromLaptop);
});

await step("an encrypted image is sent, and both of Bob's devices decrypt and show it", async () => {
  await alice.page.getByTestId("composer-file").setInputFiles(imageFile);
  await alice.page.getByTestId("composer-send").click();
  for (const who of [alice, bob, bobLaptop]) {
    await until(who.page, () => [...document.querySelectorAll("[data-testid=message]:not(.pending) [data-testid=image-preview]")]
      .some((img) => img.complete && img.naturalWidth === 48), undefined, 20000);
  }
  await snap(bob, "encrypted-image");
});

await step("a tampered envelope shows \"cannot decrypt\" instead of any text, and the session goes on", async () => {
  const failedBefore = await undecryptable(alice).count();
  const aliceDevices = (await rest(alice, "GET", `/users/${encodeURIComponent((await me(alice)).id)}/devices`)).items;
  const sent = await bob.page.evaluate(async ({ conversationId, aliceId, devices, text }) => {
    const { Device } = await import("/js/crypto/device.js");
    const { IndexedDbStore, browserLocks } = await import("/js/crypto/store.js");
    const { fromBase64url, toBase64url, utf8 } = await import("/js/crypto/encoding.js");
    const token = JSON.parse(localStorage.getItem("messaging.session")).token;
    const call = async (method, path, body, extra = {}) => {
      const response = await fetch("/api" + path, { method, body: body && JSON.stringify(body),
        headers: { authorization: "Bearer " + token, "content-type": "application/json", ...extra } });
      return { status: response.status, json: await response.json().catch(() => null) };
    };
    const me = (await call("GET", "/users/me")).json;
    const directory = {
      claim: async (userId, deviceId) => (await call("POST", `/users/${userId}/devices/${deviceId}/claim`)).json,
      identityKey: async (userId, deviceId) => (await call("GET", `/users/${userId}/devices`)).json.items
        .find((d) => d.deviceId === deviceId)?.identityKey ?? null,
    };
    const store = await IndexedDbStore.open("messaging-e2ee-" + me.id);
    const device = await Device.open({ store, directory, locks: browserLocks() });
    const recipients = devices.map((d) => ({ userId: aliceId, deviceId: d.deviceId, identityKey: d.identityKey }));
    const { envelopes } = await device.encrypt(recipients, utf8(JSON.stringify({ text })));
    for (const envelope of Object.values(envelopes)) {
      const bytes = fromBase64url(envelope.body);
      bytes[bytes.length - 20] ^= 0x01;
      envelope.body = toBase64url(bytes);
    }
    return call("POST", "/messages", { conversationId, type: "encrypted", content: null, envelopes,
      clientMessageId: crypto.randomUUID() }, { "x-device-id": device.deviceId });
  }, { conversationId: directId, aliceId: (await me(alice)).id, devices: aliceDevices, text: tampered });
  expect(sent.status === 201, "the tampered message was not accepted by the server: " + JSON.stringify(sent));
  await until(alice.page, (count) => document.querySelectorAll("[data-testid=message] [data-testid=undecryptable]").length > count,
    failedBefore, 15000);
  expect((await alice.page.getByText(tampered).count()) === 0, "the tampered text shows");
  await sendText(bob, afterTamper);
  await seen(alice, afterTamper);
  await snap(alice, "tampered");
});

await step("a group created encrypted has the lock from the start and its messages are encrypted", async () => {
  const title = "Secret plans " + suffix;
  await alice.page.getByTestId("new-group").click();
  await alice.page.getByTestId("group-title").fill(title);
  await alice.page.getByTestId("people-search").fill(bob.username);
  await alice.page.getByTestId("people-result").filter({ hasText: bob.display }).click();
  await alice.page.getByTestId("group-encrypted").check();
  await assertAccessible(alice, "new group dialog with encryption");
  await alice.page.getByTestId("dialog-confirm").click();
  await alice.page.getByTestId("pane-title").filter({ hasText: title }).waitFor({ timeout: 10000 });
  await lockIn(alice, "#pane-badges").waitFor({ timeout: 10000 });
  await sendText(alice, inGroup);
  await openConversation(bobLaptop, title);
  await seen(bobLaptop, inGroup);
});

await step("a new chat can start encrypted: the lock beside the box before the first message", async () => {
  await startChat(alice, carol);
  const toggle = alice.page.getByTestId("composer-action-encrypt-new-chat");
  await toggle.click();
  expect(await toggle.getAttribute("aria-pressed") === "true", "the choice does not show");
  await sendText(alice, toCarol);
  await lockIn(alice, "#pane-badges").waitFor({ timeout: 10000 });
  expect(await toggle.isHidden(), "the choice is still offered in a started chat");
  await openConversation(carol, alice.display);
  await seen(carol, toCarol);
  await lockIn(carol, "#pane-badges").waitFor({ timeout: 10000 });
});

await step("a device whose one-time prekeys run low uploads more when it signs in again", async () => {
  const bobId = (await me(bob)).id;
  const deviceId = await bob.page.evaluate(async (userId) => {
    const { IndexedDbStore } = await import("/js/crypto/store.js");
    return (await (await IndexedDbStore.open("messaging-e2ee-" + userId)).get("device", "self")).deviceId;
  }, bobId);
  const remaining = async () => (await rest(bob, "POST", `/devices/${deviceId}/prekeys`, { oneTimePreKeys: [] })).remaining;
  // Claims are limited per claimer and device (10 an hour): several people drain it, each until refused.
  const claimers = [alice, carol, bobLaptop, await registered("Dave"), await registered("Erin")];
  for (const claimer of claimers) {
    for (let i = 0; i < 10 && (await remaining()) >= 20; i++) {
      if (!(await rest(claimer, "POST", `/users/${bobId}/devices/${deviceId}/claim`).catch(() => null))) break;
    }
  }
  expect(await remaining() < 20, "the prekeys are not low: " + (await remaining()));
  await bob.page.reload();
  await bob.page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 15000 });
  for (let wait = 0; wait < 50 && (await remaining()) < 20; wait++) await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await remaining() >= 50, "no prekeys were uploaded: " + (await remaining()));
});

await step("after a reload the history still reads: the device keeps what it decrypted", async () => {
  await alice.page.reload();
  await alice.page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 15000 });
  await openConversation(alice, bob.display);
  for (const text of [first, answer, afterLaptop, fromLaptop, afterTamper]) await seen(alice, text);
  await bob.page.reload();
  await bob.page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 15000 });
  await openConversation(bob, alice.display);
  for (const text of [first, answer, fromLaptop]) await seen(bob, text);
});

await step("on a phone the encrypted chat and its safety number fit the screen", async () => {
  await bobLaptop.page.setViewportSize(PHONE);
  await bobLaptop.page.getByTestId("back").click();
  await openConversation(bobLaptop, alice.display);
  await lockIn(bobLaptop, "#pane-badges").waitFor({ timeout: 10000 });
  await snap(bobLaptop, "encrypted-chat");
  await assertNoOverflow(bobLaptop, "encrypted chat");
  await safetyNumberSeenBy(bobLaptop);
  await snap(bobLaptop, "safety-number");
  await assertNoOverflow(bobLaptop, "safety number");
  await assertAccessible(bobLaptop, "safety number on a phone");
});

/** Someone registered through the API only, with a token for REST calls. */
async function registered(name) {
  const username = name.toLowerCase() + suffix;
  const password = "password-" + username;
  await fetch(base + "/api/auth/register", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, email: username + "@example.com", password }) });
  const login = await (await fetch(base + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: username, password }) })).json();
  return { name, token: login.token };
}

await step("Bob sees his devices in the settings and removes the phone from the laptop; the laptop still reads", async () => {
  await bobLaptop.page.setViewportSize({ width: 1280, height: 800 });
  await bobLaptop.page.getByTestId("settings").click();
  await bobLaptop.page.getByTestId("settings-devices").click();
  await until(bobLaptop.page, () => document.querySelectorAll("[data-testid=device]").length === 2);
  await assertAccessible(bobLaptop, "your devices");
  await snap(bobLaptop, "devices");
  expect((await bobLaptop.page.getByTestId("remove-device").count()) === 1, "this browser can be removed from itself");
  await bobLaptop.page.getByTestId("remove-device").click();
  await until(bobLaptop.page, () => document.querySelectorAll("[data-testid=device]").length === 1);
  await bobLaptop.page.getByTestId("dialog-confirm").click();
  const listed = (await rest(alice, "GET", `/users/${(await me(bob)).id}/devices`)).items;
  expect(listed.length === 1, "the server still lists " + listed.length + " devices");
  const last = secret("To the laptop alone:");
  save();
  await sendText(alice, last);
  await seen(bobLaptop, last);
});

async function me(who) {
  const token = await tokenOf(who);
  const response = await fetch(base + "/api/users/me", { headers: { authorization: "Bearer " + token } });
  return response.json();
}

save();
await finish();
