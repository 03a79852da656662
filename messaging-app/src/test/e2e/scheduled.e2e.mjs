// Scheduled messages through the web client in headless Chromium: Alice uses "Send later" with its quick
// choices, cancels one scheduled message, edits another to go out a few seconds later, and both see it arrive
// like any other message; Bob never sees Alice's list.
// Usage: BASE_URL=http://localhost:3000 CHROMIUM_PATH=/usr/bin/chromium node scheduled.e2e.mjs
import { finish, launch, person, screenshots, step } from "./harness.mjs";

const browser = await launch();
const snap = screenshots("scheduled-");
const alice = await person(browser, "Alice");
const bob = await person(browser, "Bob");

/** The value a datetime-local input takes for a time `ms` from now, in the page's own time zone. */
const localIn = (who, ms) => who.page.evaluate((offset) => {
  const date = new Date(Date.now() + offset);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}, ms);
const item = (who, text) => who.page.getByTestId("scheduled-item").filter({ hasText: text });

await step("Alice and Bob have a conversation open", async () => {
  await alice.page.getByTestId("search").fill(bob.username);
  await alice.page.getByTestId("user-result").first().click();
  await alice.page.getByTestId("composer-input").fill("hello");
  await alice.page.getByTestId("composer-send").click();
  await alice.page.locator("[data-testid=message]:not(.pending)").first().waitFor({ timeout: 10000 });
  await bob.page.getByTestId("conversation").first().click({ timeout: 10000 });
  await bob.page.getByTestId("message-content").filter({ hasText: "hello" }).waitFor({ timeout: 10000 });
});

await step("Send later takes the draft and offers in 1 hour and tomorrow 9:00", async () => {
  await alice.page.getByTestId("composer-input").fill("never mind");
  await alice.page.getByTestId("composer-action-send-later").click();
  const content = await alice.page.getByTestId("schedule-content").inputValue();
  if (content !== "never mind") throw new Error("the panel took " + JSON.stringify(content));
  await alice.page.getByTestId("schedule-tomorrow").click();
  const tomorrow = await alice.page.getByTestId("schedule-at").inputValue();
  const expected = (await localIn(alice, 24 * 3600 * 1000)).slice(0, 10) + "T09:00:00";
  if (Date.parse(tomorrow) !== Date.parse(expected)) throw new Error(`tomorrow 9:00 set ${tomorrow}, not ${expected}`);
  await alice.page.getByTestId("schedule-in-hour").click();
  const inHour = await alice.page.getByTestId("schedule-at").inputValue();
  const soon = await localIn(alice, 3600 * 1000);
  if (Math.abs(Date.parse(inHour) - Date.parse(soon)) > 60000) throw new Error(`in 1 hour set ${inHour}, not ${soon}`);
  await snap(alice, "alice-send-later");
  await alice.page.getByTestId("schedule-submit").click();
  await item(alice, "never mind").waitFor({ timeout: 10000 });
  const draft = await alice.page.getByTestId("composer-input").inputValue();
  if (draft !== "") throw new Error("the draft was kept: " + draft);
});

await step("a time in the past is refused in the panel", async () => {
  await alice.page.getByTestId("composer-input").fill("too late");
  await alice.page.getByTestId("composer-action-send-later").click();
  await alice.page.getByTestId("schedule-at").fill(await localIn(alice, -60000));
  await alice.page.getByTestId("schedule-submit").click();
  await alice.page.getByTestId("schedule-error").filter({ hasText: "future" }).waitFor({ timeout: 5000 });
  await alice.page.getByTestId("schedule-close").click();
  await alice.page.getByTestId("composer-input").fill("");
});

await step("Alice cancels a scheduled message and it leaves the list", async () => {
  await item(alice, "never mind").getByTestId("scheduled-cancel").click();
  await item(alice, "never mind").waitFor({ state: "detached", timeout: 10000 });
});

await step("Alice schedules a draft, then edits its text and time", async () => {
  await alice.page.getByTestId("composer-input").fill("draft for later");
  await alice.page.getByTestId("composer-action-send-later").click();
  await alice.page.getByTestId("schedule-submit").click();
  await item(alice, "draft for later").waitFor({ timeout: 10000 });
  await item(alice, "draft for later").getByTestId("scheduled-edit").click();
  await alice.page.getByTestId("schedule-content").fill("see you soon");
  await alice.page.getByTestId("schedule-at").fill(await localIn(alice, 6000));
  await alice.page.getByTestId("schedule-submit").click();
  await item(alice, "see you soon").waitFor({ timeout: 10000 });
  await snap(alice, "alice-scheduled-list");
});

await step("Bob sees none of Alice's scheduled messages", async () => {
  if (await bob.page.getByTestId("scheduled-item").count() !== 0) throw new Error("Bob sees Alice's list");
  const early = await bob.page.getByTestId("message-content").filter({ hasText: "see you soon" }).count();
  if (early !== 0) throw new Error("Bob got it before its time");
});

await step("at its time it arrives like any other message, for both, and leaves Alice's list", async () => {
  await bob.page.getByTestId("message-content").filter({ hasText: "see you soon" }).waitFor({ timeout: 15000 });
  await alice.page.getByTestId("message-content").filter({ hasText: "see you soon" }).waitFor({ timeout: 10000 });
  await item(alice, "see you soon").waitFor({ state: "detached", timeout: 10000 });
  await snap(bob, "bob-received");
});

await finish(browser);
