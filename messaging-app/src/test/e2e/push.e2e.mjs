// Web Push in headless Chromium: the service worker shows a pushed message as a notification with its title and
// body, and shows none while that conversation is open and focused. Pushes are delivered to the service worker
// through the DevTools protocol (ServiceWorker.deliverPushMessage), as the browser's push service would.
// Usage: BASE_URL=http://127.0.0.1:3000 CHROMIUM_PATH=/usr/bin/chromium node push.e2e.mjs
import { base, finish, launch, pageErrors, screenshots, step } from "./harness.mjs";

const snap = screenshots("push-");

async function rest(method, path, token, body) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = "Bearer " + token;
  const response = await fetch(base + "/api" + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function account(name) {
  const username = name.toLowerCase() + Math.random().toString(36).slice(2, 8);
  const password = "password-" + username;
  await rest("POST", "/auth/register", null, { username, email: username + "@example.com", password,
    displayName: name + " " + username.slice(-6) });
  const login = await rest("POST", "/auth/login", null, { login: username, password });
  return { username, password, token: login.token, user: login.user };
}

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
await context.grantPermissions(["notifications"], { origin: base });
const page = await context.newPage();
page.on("pageerror", (error) => pageErrors.push(error.message));

const alice = await account("Alice");
const bob = await account("Bob");
const carol = await account("Carol");
const withAlice = (await rest("POST", "/messages", alice.token, { recipientId: bob.user.id, content: "hi Bob" }));
const withCarol = (await rest("POST", "/messages", carol.token, { recipientId: bob.user.id, content: "hey" }));

await page.goto(base + "/");
await page.getByTestId("login-name").fill(bob.username);
await page.getByTestId("login-password").fill(bob.password);
await page.getByTestId("login-submit").click();
await page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 10000 });

const cdp = await context.newCDPSession(page);
const registrations = new Map();
cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: updated }) => {
  for (const registration of updated) {
    if (registration.isDeleted) registrations.delete(registration.registrationId);
    else registrations.set(registration.registrationId, registration.scopeURL);
  }
});
await cdp.send("ServiceWorker.enable");

async function registrationId() {
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (let i = 0; i < 50 && registrations.size === 0; i++) await page.waitForTimeout(100);
  const found = [...registrations].find(([, scope]) => scope === base + "/");
  if (!found) throw new Error("no service worker registered for " + base + "/: " + JSON.stringify([...registrations]));
  return found[0];
}

async function push(message, title, body) {
  const payload = { type: "new_message", conversationId: message.conversationId, messageId: message.id,
    seq: message.seq, senderId: message.senderId, senderName: title, title, body };
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: base, registrationId: await registrationId(),
    data: JSON.stringify(payload) });
}

async function notifications() {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag,
      conversationId: n.data && n.data.conversationId }));
  });
}

async function awaitNotification(conversationId) {
  for (let i = 0; i < 100; i++) {
    const shown = (await notifications()).find((n) => n.conversationId === conversationId);
    if (shown) return shown;
    await page.waitForTimeout(100);
  }
  throw new Error("no notification for " + conversationId + "; shown: " + JSON.stringify(await notifications()));
}

await step("the service worker is registered for the whole site", async () => {
  await registrationId();
});

await step("a push for a conversation that is not open shows a notification with its title and body", async () => {
  await push(withAlice, "Alice A.", "are you coming tonight?");
  const shown = await awaitNotification(withAlice.conversationId);
  if (shown.title !== "Alice A.") throw new Error("title " + shown.title);
  if (shown.body !== "are you coming tonight?") throw new Error("body " + shown.body);
  if (shown.tag !== "conversation-" + withAlice.conversationId) throw new Error("tag " + shown.tag);
});

await step("a second push of that conversation replaces its notification", async () => {
  await push(withAlice, "Alice A.", "bring the cake");
  for (let i = 0; i < 50; i++) {
    const shown = (await notifications()).filter((n) => n.conversationId === withAlice.conversationId);
    if (shown.length === 1 && shown[0].body === "bring the cake") return;
    await page.waitForTimeout(100);
  }
  throw new Error("shown: " + JSON.stringify(await notifications()));
});

await step("no notification while that conversation is open and focused", async () => {
  await page.evaluate(async () => {
    for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close();
  });
  await page.locator(`[data-testid=conversation][data-conversation-id="${withAlice.conversationId}"]`).click();
  await page.getByTestId("message-content").filter({ hasText: "hi Bob" }).waitFor({ timeout: 10000 });
  await page.bringToFront();
  if (!(await page.evaluate(() => document.hasFocus()))) throw new Error("the page does not have focus");
  await push(withAlice, "Alice A.", "you are looking at this");
  await push(withCarol, "Carol C.", "and this one is elsewhere");
  await awaitNotification(withCarol.conversationId);
  await page.waitForTimeout(1000);
  const shown = (await notifications()).filter((n) => n.conversationId === withAlice.conversationId);
  if (shown.length) throw new Error("shown while open: " + JSON.stringify(shown));
  await snap({ page }, "open-conversation");
});

await step("a clicked notification's link opens its conversation", async () => {
  await page.goto(base + "/?conversation=" + encodeURIComponent(withCarol.conversationId));
  await page.getByTestId("message-content").filter({ hasText: "hey" }).waitFor({ timeout: 10000 });
  if (new URL(page.url()).search !== "") throw new Error("the link stays in the address: " + page.url());
});

await finish(browser);
