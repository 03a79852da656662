// Two users chat through the web client in headless Chromium while a third sees nothing of it.
// Usage: BASE_URL=http://localhost:3000 CHROMIUM_PATH=/usr/bin/chromium node chat.e2e.mjs
import { base, finish, person, snap, step, tokenOf } from "./lib.mjs";

process.env.SCENARIO ||= "chat";
const alice = await person("Alice");
const bob = await person("Bob");
let conversationId;

await step("Alice finds Bob and sends a message", async () => {
  await alice.page.getByTestId("search").fill(bob.username);
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
  const mine = alice.page.locator("[data-testid=message].mine", { hasText: "hello from Alice" });
  await mine.hover();
  await mine.getByTestId("edit").click();
  await alice.page.getByTestId("composer-context").filter({ hasText: "Editing" }).waitFor();
  await alice.page.getByTestId("composer-input").fill("hello from Alice (edited)");
  await alice.page.getByTestId("composer-input").press("Enter");
  await bob.page.getByTestId("message-content").filter({ hasText: "(edited)" }).waitFor({ timeout: 10000 });
  await bob.page.getByTestId("edited-marker").first().waitFor();
  await snap(bob, "bob-sees-edit");
});

await step("Alice deletes her message and Bob sees it deleted", async () => {
  const mine = alice.page.locator("[data-testid=message].mine", { hasText: "(edited)" });
  await mine.hover();
  await mine.getByTestId("delete").click();
  await alice.page.getByTestId("dialog-confirm").click();
  await bob.page.getByTestId("deleted-marker").first().waitFor({ timeout: 10000 });
  await snap(bob, "bob-sees-delete");
});

await step("a third user never sees their conversation", async () => {
  const carol = await person("Carol");
  await carol.page.waitForTimeout(1000);
  const listed = await carol.page.getByTestId("conversation").count();
  if (listed !== 0) throw new Error(`Carol sees ${listed} conversations`);
  const token = await tokenOf(carol);
  const response = await fetch(base + "/api/conversations/" + conversationId, { headers: { authorization: "Bearer " + token } });
  if (response.status !== 404) throw new Error("Carol got " + response.status + " for their conversation");
  await carol.page.goto(base + "/#/c/" + conversationId);
  await carol.page.getByTestId("toast").filter({ hasText: "not in it" }).waitFor({ timeout: 10000 });
  await snap(carol, "carol-sees-nothing");
});

await finish();
