// The points a new user ran into, each checked in headless Chromium at 1280x800 and 390x844: layout on a phone,
// long words, failed sends, the logged-out screen, sessions that last, real dialogs, reactions, dates, older
// messages, honest password reset, errors where they belong, favicon and HEAD /.
import { assertAccessible, assertNoOverflow, assertOnScreen, base, device, expect, finish, person, PHONE, rest, sendText,
  snap, startChat, step, suffix, until } from "./lib.mjs";

process.env.SCENARIO ||= "client";

await step("10. HEAD / answers 200 without a body, and the favicon is served", async () => {
  const head = await fetch(base + "/", { method: "HEAD" });
  expect(head.status === 200, "HEAD / answered " + head.status);
  expect((await head.text()) === "", "HEAD / had a body");
  for (const path of ["/favicon.ico", "/favicon.svg"]) {
    const icon = await fetch(base + path);
    expect(icon.status === 200 && icon.headers.get("content-type").startsWith("image/"),
      `${path}: ${icon.status} ${icon.headers.get("content-type")}`);
  }
});

await step("4. while logged out only the sign-in card shows: no chat, no 'offline', no 'Log out', no message box", async () => {
  const visitor = await device("visitor");
  await visitor.page.goto(base + "/");
  await visitor.page.locator("#auth:not([hidden])").waitFor();
  for (const id of ["connection", "logout", "composer-input", "conversation-list", "search"]) {
    expect(!(await visitor.page.getByTestId(id).isVisible()), id + " is visible while logged out");
  }
  await snap(visitor, "login");
  await assertAccessible(visitor, "login");
  await visitor.context.close();
});

await step("10. a wrong password gets a clear error inside the log-in form", async () => {
  const visitor = await device("visitor");
  await visitor.page.goto(base + "/");
  await visitor.page.getByTestId("login-name").fill("nobody" + suffix);
  await visitor.page.getByTestId("login-password").fill("wrong-password");
  await visitor.page.getByTestId("login-submit").click();
  const error = visitor.page.getByTestId("login-form").getByTestId("form-error");
  await error.waitFor({ timeout: 5000 });
  const text = await error.textContent();
  expect(/^[A-Z].*\.$/.test(text.trim()), "error is not a sentence: " + text);
  expect(text.includes("username or password"), "error does not say what is wrong: " + text);
  await snap(visitor, "login-error");
  await visitor.context.close();
});

await step("9. 'Forgot password?' says plainly that this server cannot mail a link", async () => {
  const visitor = await device("visitor", PHONE);
  let dialogs = 0;
  visitor.page.on("dialog", (dialog) => {
    dialogs++;
    dialog.dismiss();
  });
  await visitor.page.goto(base + "/");
  await visitor.page.locator("#auth:not([hidden])").waitFor();
  await snap(visitor, "login");
  await assertAccessible(visitor, "phone login");
  await visitor.page.getByTestId("forgot").click();
  await visitor.page.getByTestId("reset-unavailable").filter({ hasText: "cannot send email" }).waitFor({ timeout: 5000 });
  expect(!(await visitor.page.getByTestId("forgot-email").isVisible()), "the form still offers to mail a link");
  expect(dialogs === 0, "a browser dialog was used");
  await snap(visitor, "reset-without-mail");
  await assertNoOverflow(visitor, "reset");
  await visitor.context.close();
});

const alice = await person("Alice");
const bob = await person("Bob");

await step("10. registering a taken username shows the error in the registration form", async () => {
  const visitor = await device("visitor");
  await visitor.page.goto(base + "/");
  await visitor.page.getByTestId("show-register").click();
  await visitor.page.getByTestId("register-username").fill(alice.username);
  await visitor.page.getByTestId("register-email").fill("other" + suffix + "@example.com");
  await visitor.page.getByTestId("register-password").fill("password-long-enough");
  await visitor.page.getByTestId("register-submit").click();
  await visitor.page.getByTestId("register-form").getByTestId("form-error").filter({ hasText: "already taken" }).waitFor({ timeout: 5000 });
  expect(!(await visitor.page.getByTestId("login-form").getByTestId("form-error").isVisible()), "the error is in the wrong form");
  await visitor.context.close();
});

await step("3. before a conversation is chosen there is no message box to lose text in", async () => {
  await alice.page.getByTestId("welcome").waitFor();
  expect(!(await alice.page.getByTestId("composer-input").isVisible()), "the message box shows with no conversation");
  await snap(alice, "no-conversation");
});

await step("the first message of a new chat is sent with Enter, and Shift+Enter starts a new line", async () => {
  await startChat(alice, bob);
  await alice.page.getByTestId("composer-input").fill("first line");
  await alice.page.getByTestId("composer-input").press("Shift+Enter");
  await alice.page.getByTestId("composer-input").pressSequentially("second line");
  await alice.page.getByTestId("composer-input").press("Enter");
  await alice.page.locator("[data-testid=message]:not(.pending) [data-testid=message-content]", { hasText: "second line" }).waitFor({ timeout: 10000 });
  const text = await alice.page.getByTestId("message-content").filter({ hasText: "second line" }).textContent();
  expect(text === "first line\nsecond line", "the message is " + JSON.stringify(text));
  await until(alice.page, () => location.hash.startsWith("#/c/"));
});

await step("3. an attachment of a refused type keeps the text and says why", async () => {
  await alice.page.getByTestId("composer-input").fill("here is the tool");
  await alice.page.getByTestId("composer-file").setInputFiles({ name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ binary") });
  await alice.page.getByTestId("composer-send").click();
  const error = alice.page.getByTestId("composer-error");
  await error.waitFor({ timeout: 10000 });
  expect((await error.textContent()).includes("not accepted"), "the error does not say why: " + (await error.textContent()));
  expect((await alice.page.getByTestId("composer-input").inputValue()) === "here is the tool", "the typed text was lost");
  await snap(alice, "refused-attachment");
  await alice.page.getByTestId("composer-input").fill("");
  await alice.page.locator("#composer-file-remove").click();
});

await step("2. one long unbroken word wraps: nothing is wider than the screen and Send stays on screen", async () => {
  const long = "https://example.com/" + "a".repeat(200);
  await sendText(alice, long);
  await bob.page.getByTestId("conversation").first().click();
  await bob.page.getByTestId("message-content").filter({ hasText: "aaaaaaaaaa" }).waitFor({ timeout: 10000 });
  for (const who of [alice, bob]) {
    await assertNoOverflow(who, who.name);
    await assertOnScreen(who.page.getByTestId("composer-send"), who.name + "'s Send button");
    const list = await who.page.getByTestId("messages").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(list.scroll <= list.client, `${who.name}'s message list is ${list.scroll} px wide in ${list.client} px`);
  }
  await snap(bob, "long-word");
});

const dan = await person("Dan", PHONE);

await step("1. at 390 px the conversation takes the whole screen, the message box fits, Back returns to the list", async () => {
  await startChat(dan, alice);
  await sendText(dan, "hello from a phone");
  await sendText(dan, "https://example.com/" + "b".repeat(200));
  const width = await dan.page.getByTestId("messages").evaluate((el) => el.getBoundingClientRect().width);
  expect(width >= 370, "the conversation is only " + width + " px wide");
  await assertOnScreen(dan.page.getByTestId("composer-input"), "the message box");
  await assertOnScreen(dan.page.getByTestId("composer-send"), "the Send button");
  await assertNoOverflow(dan, "phone conversation");
  expect(!(await dan.page.getByTestId("search").isVisible()), "the sidebar still shows beside the conversation");
  await snap(dan, "phone-conversation");
  await assertAccessible(dan, "phone conversation");
  await dan.page.getByTestId("back").click();
  await dan.page.getByTestId("conversation-list").waitFor();
  expect(!(await dan.page.getByTestId("composer-input").isVisible()), "the conversation still shows over the list");
  await assertNoOverflow(dan, "phone list");
  await snap(dan, "phone-list");
  await assertAccessible(dan, "phone conversation list");
});

await step("7. a reload keeps the session and the open conversation; a new tab is signed in too", async () => {
  await alice.page.getByTestId("conversation").filter({ hasText: bob.display }).click();
  const hash = await alice.page.evaluate(() => location.hash);
  expect(hash.startsWith("#/c/"), "the address does not name the conversation: " + hash);
  await alice.page.reload();
  await alice.page.getByTestId("pane-title").filter({ hasText: bob.display }).waitFor({ timeout: 10000 });
  await alice.page.getByTestId("message-content").filter({ hasText: "second line" }).waitFor({ timeout: 10000 });
  const tab = await alice.context.newPage();
  await tab.goto(base + "/" + hash);
  await tab.getByTestId("pane-title").filter({ hasText: bob.display }).waitFor({ timeout: 10000 });
  await tab.close();
});

await step("3. a message written while offline waits in the outbox and goes out by itself when the network is back", async () => {
  await alice.context.setOffline(true);
  await alice.page.getByTestId("connection").filter({ hasText: "offline" }).waitFor({ timeout: 10000 });
  await alice.page.getByTestId("composer-input").fill("written in a tunnel");
  await alice.page.getByTestId("composer-input").press("Enter");
  await alice.page.locator("[data-testid=message].pending", { hasText: "written in a tunnel" })
    .getByTestId("pending-marker").filter({ hasText: "Waiting for connection" }).waitFor({ timeout: 10000 });
  expect((await alice.page.getByTestId("composer-error").isVisible()) === false, "an error shows for a queued message");
  await snap(alice, "offline-outbox");
  await alice.context.setOffline(false);
  await bob.page.getByTestId("message-content").filter({ hasText: "written in a tunnel" }).waitFor({ timeout: 15000 });
  await alice.page.locator("[data-testid=message]:not(.pending)", { hasText: "written in a tunnel" }).waitFor({ timeout: 10000 });
  expect((await bob.page.getByTestId("message-content").filter({ hasText: "written in a tunnel" }).count()) === 1, "sent twice");
});

await step("7. an expired session goes back to the log-in screen with a reason", async () => {
  const visitor = await device("expired");
  await visitor.page.goto(base + "/");
  await visitor.page.locator("#auth:not([hidden])").waitFor();
  await visitor.page.evaluate(() => localStorage.setItem("messaging.session", JSON.stringify({ token: "x.y.z", expiresAt: Date.now() - 1000 })));
  await visitor.page.reload();
  await visitor.page.getByTestId("auth-message").filter({ hasText: "session has ended" }).waitFor({ timeout: 5000 });
  await visitor.context.close();
});

await step("8. Edit works in the message box (no prompt), Up edits the last message, Esc cancels", async () => {
  let dialogs = 0;
  alice.page.on("dialog", (dialog) => {
    dialogs++;
    dialog.dismiss();
  });
  await sendText(alice, "typo hre");
  const input = alice.page.getByTestId("composer-input");
  await input.press("ArrowUp");
  await alice.page.getByTestId("composer-context").filter({ hasText: "Editing" }).waitFor();
  expect((await input.inputValue()) === "typo hre", "Up did not bring the last message: " + (await input.inputValue()));
  await input.press("Escape");
  await alice.page.getByTestId("composer-context").waitFor({ state: "hidden" });
  const message = alice.page.locator("[data-testid=message].mine", { hasText: "typo hre" });
  await message.hover();
  await message.getByTestId("edit").click();
  await input.fill("typo here");
  await input.press("Enter");
  await bob.page.getByTestId("message-content").filter({ hasText: "typo here" }).waitFor({ timeout: 10000 });
  expect(dialogs === 0, "a browser dialog was used");
});

await step("8. Delete asks in a real dialog, and Cancel keeps the message", async () => {
  const message = alice.page.locator("[data-testid=message].mine", { hasText: "typo here" });
  await message.hover();
  await message.getByTestId("delete").click();
  await alice.page.getByTestId("dialog").filter({ hasText: "Delete this message?" }).waitFor();
  await snap(alice, "delete-dialog");
  await alice.page.keyboard.press("Escape");
  await alice.page.getByTestId("dialog").waitFor({ state: "hidden" });
  expect(await message.isVisible(), "Esc deleted the message");
  await message.hover();
  await message.getByTestId("delete").click();
  await alice.page.getByTestId("dialog-confirm").click();
  await bob.page.getByTestId("deleted-marker").first().waitFor({ timeout: 10000 });
});

await step("8. reactions come from an emoji picker, with counts and who reacted", async () => {
  const theirs = bob.page.locator("[data-testid=message]", { hasText: "second line" });
  await theirs.hover();
  await theirs.getByTestId("react").click();
  const options = await bob.page.getByTestId("emoji-option").count();
  expect(options >= 16, "the picker offers " + options + " emoji");
  await snap(bob, "emoji-picker");
  await bob.page.locator("[data-testid=emoji-option][data-emoji='🎉']").click();
  const mine = alice.page.locator("[data-testid=message]", { hasText: "second line" });
  await mine.locator("[data-testid=reaction][data-emoji='🎉']").waitFor({ timeout: 10000 });
  await mine.hover();
  await mine.getByTestId("react").click();
  await alice.page.locator("[data-testid=emoji-option][data-emoji='🎉']").click();
  const chip = bob.page.locator("[data-testid=message]", { hasText: "second line" }).locator("[data-testid=reaction][data-emoji='🎉']");
  await chip.filter({ hasText: "2" }).waitFor({ timeout: 10000 });
  const who = await chip.getAttribute("title");
  expect(who.includes(alice.display) && who.includes("You"), "the chip does not say who reacted: " + who);
});

await step("8. messages carry dates: a day separator, and yesterday's messages say so", async () => {
  await bob.page.getByTestId("day-separator").filter({ hasText: "Today" }).first().waitFor();
  const time = await bob.page.locator("[data-testid=message] time").first().getAttribute("title");
  expect(/\d{4}/.test(time), "the time has no date: " + time);
  const later = await device("Bob tomorrow");
  await later.page.clock.setFixedTime(Date.now() + 24 * 3600 * 1000);
  await later.page.goto(base + "/");
  await later.page.getByTestId("login-name").fill(bob.username);
  await later.page.getByTestId("login-password").fill(bob.password);
  await later.page.getByTestId("login-submit").click();
  await later.page.getByTestId("conversation").filter({ hasText: alice.display }).click();
  await later.page.getByTestId("day-separator").filter({ hasText: "Yesterday" }).first().waitFor({ timeout: 10000 });
  await later.context.close();
});

await step("8. loading older messages keeps what is on screen in place", async () => {
  const conversation = await alice.page.evaluate(() => decodeURIComponent(location.hash.slice(4)));
  for (let i = 1; i <= 70; i++) await rest(alice, "POST", "/messages", { conversationId: conversation, content: "filler " + i });
  await bob.page.reload();
  await bob.page.getByTestId("message-content").filter({ hasText: "filler 70" }).waitFor({ timeout: 10000 });
  const list = bob.page.getByTestId("messages");
  const before = await bob.page.getByTestId("message").count();
  await list.evaluate((el) => { el.scrollTop = 0; });
  await until(bob.page, (n) => document.querySelectorAll("[data-testid=message]").length > n, before);
  await bob.page.waitForTimeout(300);
  // The message that was at the top before the older page came in is still in view.
  const top = bob.page.getByTestId("message-content").filter({ hasText: /^filler 21$/ });
  const [box, area] = [await top.boundingBox(), await list.boundingBox()];
  expect(box && box.y >= area.y - box.height && box.y <= area.y + area.height, `filler 21 moved out of view: ${JSON.stringify(box)} in ${JSON.stringify(area)}`);
  await assertNoOverflow(bob, "older messages");
});

await step("the client runs under script-src 'self'; style-src 'self' (no inline scripts, handlers or styles)", async () => {
  const strict = await device("csp");
  await strict.page.route(base + "/", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy":
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self' ws: wss:" } });
  });
  const violations = [];
  strict.page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await strict.page.goto(base + "/");
  await strict.page.getByTestId("login-name").fill(bob.username);
  await strict.page.getByTestId("login-password").fill(bob.password);
  await strict.page.getByTestId("login-submit").click();
  await strict.page.getByTestId("conversation").filter({ hasText: alice.display }).click();
  await strict.page.getByTestId("composer-input").fill("under a strict policy");
  await strict.page.getByTestId("composer-input").press("Enter");
  await strict.page.locator("[data-testid=message]:not(.pending)", { hasText: "under a strict policy" }).waitFor({ timeout: 10000 });
  const message = strict.page.locator("[data-testid=message]", { hasText: "under a strict policy" });
  await message.hover();
  await message.getByTestId("react").click();
  await strict.page.getByTestId("emoji-option").first().click();
  await strict.page.getByTestId("info").click();
  await strict.page.getByTestId("info-panel").waitFor();
  expect(violations.length === 0, violations.join("; "));
  await strict.context.close();
});

await step("the conversation and list screens pass axe-core's WCAG 2 A/AA rules", async () => {
  await snap(alice, "conversation");
  await assertAccessible(alice, "conversation");
  await alice.page.emulateMedia({ colorScheme: "dark" });
  await snap(alice, "conversation-dark");
  await assertAccessible(alice, "conversation (dark)");
  await alice.page.emulateMedia({ colorScheme: "light" });
});

await finish();
