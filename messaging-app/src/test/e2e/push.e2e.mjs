// Web Push in headless Chromium: the service worker shows a pushed message as a notification with its title and
// body (one per conversation), none while that conversation is open and focused, and the settings offer
// "Enable notifications". Pushes are handed to the service worker through the DevTools protocol
// (ServiceWorker.deliverPushMessage), as the browser does with what its push service delivers.
// Usage: BASE_URL=http://127.0.0.1:3000 CHROMIUM_PATH=/usr/bin/chromium node push.e2e.mjs
import { base, expect, finish, person, rest, snap, step, until } from "./lib.mjs";

process.env.SCENARIO ||= "push";
const grantNotifications = (context) => context.grantPermissions(["notifications"], { origin: base });
const alice = await person("Alice");
const carol = await person("Carol");
const bob = await person("Bob", undefined, grantNotifications);
const me = await rest(bob, "GET", "/users/me");
const withAlice = await rest(alice, "POST", "/messages", { recipientId: me.id, content: "hi Bob" });
const withCarol = await rest(carol, "POST", "/messages", { recipientId: me.id, content: "hey" });
const page = bob.page;

const cdp = await bob.context.newCDPSession(page);
const registrations = new Map();
cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: updated }) => {
  for (const registration of updated) {
    if (registration.isDeleted) registrations.delete(registration.registrationId);
    else registrations.set(registration.registrationId, registration.scopeURL);
  }
});
const workerErrors = [];
cdp.on("ServiceWorker.workerErrorReported", ({ errorMessage }) => workerErrors.push(errorMessage.errorMessage));
await cdp.send("ServiceWorker.enable");

async function registrationId() {
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (let i = 0; i < 50 && registrations.size === 0; i++) await page.waitForTimeout(100);
  const found = [...registrations].find(([, scope]) => scope === base + "/");
  expect(found, "no service worker registered for " + base + "/: " + JSON.stringify([...registrations]));
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

async function shownFor(conversationId) {
  return (await notifications()).filter((n) => n.conversationId === conversationId);
}

async function awaitShown(conversationId, tries) {
  for (let i = 0; i < tries; i++) {
    const [shown] = await shownFor(conversationId);
    if (shown) return shown;
    await page.waitForTimeout(100);
  }
  return undefined;
}

// Waits for the notification of a push; DevTools hands a push to a worker it is starting (or stopping, when the
// machine is loaded) without saying whether it arrived, so a push not shown in 10 s is handed over once more.
async function awaitNotification(conversationId, again) {
  const shown = (await awaitShown(conversationId, 100)) || (again && (await again(), await awaitShown(conversationId, 200)));
  if (shown) return shown;
  throw new Error("no notification for " + conversationId + "; shown: " + JSON.stringify(await notifications())
    + "; worker errors: " + JSON.stringify(workerErrors));
}

await step("the service worker is registered for the whole site", async () => {
  await registrationId();
});

await step("a push for a conversation that is not open shows a notification with its title and body", async () => {
  const push1 = () => push(withAlice, "Alice A.", "are you coming tonight?");
  await push1();
  const shown = await awaitNotification(withAlice.conversationId, push1);
  expect(shown.title === "Alice A.", "title " + shown.title);
  expect(shown.body === "are you coming tonight?", "body " + shown.body);
  expect(shown.tag === "conversation-" + withAlice.conversationId, "tag " + shown.tag);
});

await step("a second push of that conversation replaces its notification", async () => {
  await push(withAlice, "Alice A.", "bring the cake");
  for (let i = 0; i < 50; i++) {
    const shown = await shownFor(withAlice.conversationId);
    if (shown.length === 1 && shown[0].body === "bring the cake") return;
    await page.waitForTimeout(100);
  }
  throw new Error("shown: " + JSON.stringify(await notifications()));
});

await step("no notification while that conversation is open and focused", async () => {
  await page.evaluate(async () => {
    for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close();
  });
  await page.goto(base + "/#/c/" + encodeURIComponent(withAlice.conversationId));
  await page.getByTestId("message-content").filter({ hasText: "hi Bob" }).waitFor({ timeout: 10000 });
  await page.bringToFront();
  expect(await page.evaluate(() => document.hasFocus()), "the page does not have focus");
  await push(withAlice, "Alice A.", "you are looking at this");
  const elsewhere = () => push(withCarol, "Carol C.", "and this one is elsewhere");
  await elsewhere();
  await awaitNotification(withCarol.conversationId, elsewhere);
  await page.waitForTimeout(1000);
  const shown = await shownFor(withAlice.conversationId);
  expect(shown.length === 0, "shown while open: " + JSON.stringify(shown));
});

await step("the settings offer to enable notifications, and say why when the browser cannot", async () => {
  await page.getByTestId("settings").click();
  const toggle = page.getByTestId("push-toggle");
  await toggle.waitFor({ timeout: 10000 });
  expect((await toggle.textContent()).trim() === "Enable notifications", "the control reads "
    + (await toggle.textContent()));
  await snap(bob, "settings");
  await toggle.click();
  // Headless Chromium has no push service to subscribe with: the control must say so, not fail silently.
  await until(page, () => {
    const status = document.querySelector("[data-testid=push-status]");
    const toggle = document.querySelector("[data-testid=push-toggle]");
    return (status && status.textContent) || (toggle && toggle.dataset.enabled === "true");
  });
  const state = await page.evaluate(() => ({
    status: document.querySelector("[data-testid=push-status]").textContent,
    enabled: document.querySelector("[data-testid=push-toggle]").dataset.enabled,
  }));
  expect(state.enabled === "true" || state.status.startsWith("Notifications are not available"),
    JSON.stringify(state));
  console.log("     subscribing in headless Chromium: " + (state.enabled === "true" ? "subscribed" : state.status));
});

await finish();
