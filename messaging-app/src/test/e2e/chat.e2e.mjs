// Two users chat through the web client in headless Chromium while a third sees nothing of it.
// Usage: BASE_URL=http://localhost:3000 CHROMIUM_PATH=/usr/bin/chromium node chat.e2e.mjs
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const base = process.env.BASE_URL || "http://localhost:3000";
const shots = process.env.SCREENSHOT_DIR || "./screenshots";
mkdirSync(shots, { recursive: true });
let passed = 0;
const failures = [];
const pageErrors = [];
let shot = 0;

async function step(name, action) {
  try {
    await action();
    passed++;
    console.log("ok   " + name);
  } catch (error) {
    failures.push(name);
    console.log("FAIL " + name + ": " + error.message.split("\n")[0]);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const suffix = Math.random().toString(36).slice(2, 8);

async function person(name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(name + ": " + error.message));
  page.on("dialog", (dialog) => dialog.accept(page.nextDialogAnswer));
  await page.goto(base + "/");
  const username = name.toLowerCase() + suffix;
  await page.getByTestId("register-username").fill(username);
  await page.getByTestId("register-email").fill(username + "@example.com");
  await page.getByTestId("register-display-name").fill(name + " " + suffix);
  await page.getByTestId("register-password").fill("password-" + username);
  await page.getByTestId("register-submit").click();
  await page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 10000 });
  return { page, username, display: name + " " + suffix };
}

async function snap(who, label) {
  await who.page.screenshot({ path: `${shots}/${String(++shot).padStart(2, "0")}-${label}.png` });
}

const alice = await person("Alice");
const bob = await person("Bob");
let conversationId;

await step("Alice finds Bob and sends a message", async () => {
  await alice.page.getByTestId("user-search").fill(bob.username);
  await alice.page.getByTestId("user-result").first().click();
  await alice.page.getByTestId("composer-input").fill("hello from Alice");
  await alice.page.getByTestId("composer-send").click();
  await alice.page.getByTestId("message-content").filter({ hasText: "hello from Alice" }).waitFor({ timeout: 10000 });
  await alice.page.locator("[data-testid=message]:not(.pending)").first().waitFor();
  await snap(alice, "alice-sent");
});

await step("Bob sees the conversation live with an unread badge and opens it", async () => {
  await bob.page.getByTestId("unread-badge").waitFor({ timeout: 10000 });
  await snap(bob, "bob-unread");
  await bob.page.getByTestId("conversation").first().click();
  await bob.page.getByTestId("message-content").filter({ hasText: "hello from Alice" }).waitFor();
  conversationId = await bob.page.getByTestId("conversation").first().getAttribute("data-conversation-id");
});

await step("Alice sees the read ticks", async () => {
  await alice.page.getByTestId("read-ticks").first().waitFor({ timeout: 10000 });
  await snap(alice, "alice-read-ticks");
});

await step("Bob replies and Alice sees it live", async () => {
  await bob.page.getByTestId("composer-input").fill("hi Alice");
  await bob.page.getByTestId("composer-send").click();
  await alice.page.getByTestId("message-content").filter({ hasText: "hi Alice" }).waitFor({ timeout: 10000 });
});

await step("Alice sees Bob typing", async () => {
  await bob.page.getByTestId("composer-input").pressSequentially("still typ", { delay: 30 });
  await alice.page.getByTestId("typing").filter({ hasText: "typing" }).waitFor({ timeout: 10000 });
  await snap(alice, "alice-sees-typing");
  await bob.page.getByTestId("composer-input").fill("");
});

await step("both see each other online", async () => {
  await alice.page.getByTestId("online-dot").first().waitFor({ timeout: 10000 });
  await bob.page.getByTestId("online-dot").first().waitFor({ timeout: 10000 });
});

await step("Alice edits her message and Bob sees it edited", async () => {
  alice.page.nextDialogAnswer = "hello from Alice (edited)";
  await alice.page.getByTestId("edit").first().click();
  await bob.page.getByTestId("message-content").filter({ hasText: "(edited)" }).waitFor({ timeout: 10000 });
  await bob.page.getByTestId("edited-marker").first().waitFor();
  await snap(bob, "bob-sees-edit");
});

await step("Alice deletes her message and Bob sees it deleted", async () => {
  await alice.page.getByTestId("delete").first().click();
  await bob.page.getByTestId("deleted-marker").first().waitFor({ timeout: 10000 });
  await snap(bob, "bob-sees-delete");
});

await step("a third user never sees their conversation", async () => {
  const carol = await person("Carol");
  await carol.page.waitForTimeout(1000);
  const listed = await carol.page.getByTestId("conversation").count();
  if (listed !== 0) throw new Error(`Carol sees ${listed} conversations`);
  const status = await carol.page.evaluate(async (id) => {
    const response = await fetch("/api/conversations/" + id, {
      headers: { authorization: "Bearer " + sessionStorage.getItem("token") },
    });
    return response.status;
  }, conversationId);
  if (status !== 404) throw new Error("Carol got " + status + " for their conversation");
  await snap(carol, "carol-sees-nothing");
});

await step("no script errors on any page", async () => {
  if (pageErrors.length) throw new Error(pageErrors.join("; "));
});

await browser.close();
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
