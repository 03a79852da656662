// Three people in a group, two on desktops and one on a phone: a group made in a dialog and seen by everyone at
// once, sender names, replies, reactions, group details (members online, add, remove, leave), search that jumps
// to a message, the "new messages" line, and a reload that keeps the session and the open conversation.
// Screenshots of each screen at 1280x800 and 390x844; axe-core on the main screens.
import { assertAccessible, assertNoOverflow, base, expect, finish, openConversation, person, PHONE, rest, sendText, snap,
  step, until } from "./lib.mjs";

process.env.SCENARIO ||= "group";
const alice = await person("Alice");
const bob = await person("Bob");
const carol = await person("Carol", PHONE);
const title = "Weekend plans";
let groupId;

const messageWith = (who, text) => who.page.locator("[data-testid=message]", { has: who.page.getByTestId("message-content").filter({ hasText: text }) });

async function act(who, text, action) {
  const message = messageWith(who, text).first();
  if (who === carol) await message.locator(".bubble").click();
  else await message.hover();
  await message.getByTestId(action).click();
}

await step("5. a group is made in a dialog that finds people by name and says when no one matches", async () => {
  await alice.page.getByTestId("new-group").click();
  await alice.page.getByTestId("group-title").fill(title);
  await alice.page.getByTestId("people-search").fill("nobody-such-person");
  await alice.page.getByTestId("people-empty").filter({ hasText: "No one matches" }).waitFor({ timeout: 5000 });
  await alice.page.getByTestId("people-search").fill(bob.username);
  await alice.page.getByTestId("people-result").filter({ hasText: bob.display }).click();
  await alice.page.getByTestId("people-search").fill(carol.username);
  await alice.page.getByTestId("people-result").filter({ hasText: carol.display }).click();
  expect((await alice.page.getByTestId("people-chip").count()) === 2, "two people are not chosen");
  await snap(alice, "new-group-dialog");
  await assertAccessible(alice, "new group dialog");
  await alice.page.getByTestId("dialog-confirm").click();
  await alice.page.getByTestId("pane-title").filter({ hasText: title }).waitFor({ timeout: 10000 });
  groupId = await alice.page.evaluate(() => decodeURIComponent(location.hash.slice(4)));
});

await step("5. the other members see the group at once, before its first message, with no online dot", async () => {
  for (const who of [bob, carol]) {
    await who.page.getByTestId("conversation").filter({ hasText: title }).waitFor({ timeout: 10000 });
    const item = who.page.getByTestId("conversation").filter({ hasText: title });
    expect((await item.locator("[data-testid=online-dot], [data-testid=offline-dot]").count()) === 0, "a group shows an online dot");
  }
});

await step("5. group messages say who wrote them, with an avatar", async () => {
  await sendText(alice, "Who is in for Saturday?");
  await openConversation(bob, title);
  const message = messageWith(bob, "Who is in for Saturday?");
  await message.getByTestId("message-sender").filter({ hasText: alice.display }).waitFor({ timeout: 10000 });
  expect((await message.locator(".avatar").count()) === 1, "no avatar beside the message");
  await sendText(bob, "Count me in");
  await openConversation(carol, title);
  await messageWith(carol, "Count me in").getByTestId("message-sender").filter({ hasText: bob.display }).waitFor({ timeout: 10000 });
});

await step("8. a reply quotes the message, and the quote jumps to it", async () => {
  await act(carol, "Who is in for Saturday?", "reply");
  await carol.page.getByTestId("composer-context").filter({ hasText: "Replying to " + alice.display }).waitFor();
  await snap(carol, "replying");
  await carol.page.getByTestId("composer-input").fill("Me too, bikes?");
  await carol.page.getByTestId("composer-send").click();
  const reply = messageWith(alice, "Me too, bikes?");
  await reply.getByTestId("reply-quote").filter({ hasText: "Who is in for Saturday?" }).waitFor({ timeout: 10000 });
  await reply.getByTestId("reply-quote").click();
  await alice.page.locator(".message.highlight", { hasText: "Who is in for Saturday?" }).waitFor({ timeout: 5000 });
});

await step("8. reactions from the picker show counts and who reacted, for everyone", async () => {
  await act(carol, "Count me in", "react");
  await carol.page.locator("[data-testid=emoji-option][data-emoji='❤️']").click();
  await act(alice, "Count me in", "react");
  await snap(alice, "emoji-picker");
  await alice.page.locator("[data-testid=emoji-option][data-emoji='❤️']").click();
  const chip = messageWith(bob, "Count me in").locator("[data-testid=reaction][data-emoji='❤️']");
  await chip.filter({ hasText: "2" }).waitFor({ timeout: 10000 });
  const who = await chip.getAttribute("title");
  expect(who.includes(alice.display) && who.includes(carol.display), "the chip does not say who reacted: " + who);
});

await step("the conversation screen at both sizes: no overflow, no axe violations", async () => {
  for (const who of [alice, carol]) {
    await assertNoOverflow(who, who.name);
    await snap(who, "group-conversation");
    await assertAccessible(who, who.name + "'s conversation");
  }
});

await step("5. group info lists the members with their online state", async () => {
  await alice.page.getByTestId("info").click();
  await alice.page.getByTestId("member").nth(2).waitFor({ timeout: 5000 });
  expect((await alice.page.getByTestId("member").count()) === 3, "not three members");
  const bobRow = alice.page.getByTestId("member").filter({ hasText: bob.display });
  await bobRow.getByTestId("member-status").filter({ hasText: "Online" }).waitFor({ timeout: 5000 });
  await snap(alice, "group-info");
  await assertAccessible(alice, "group info");
  await carol.page.getByTestId("info").click();
  await carol.page.getByTestId("member").nth(2).waitFor({ timeout: 5000 });
  await assertNoOverflow(carol, "phone group info");
  await snap(carol, "group-info");
  await assertAccessible(carol, "phone group info");
  await carol.page.getByTestId("info-close").click();
});

await step("5. the creator removes a member, who loses the group at once, and adds her back", async () => {
  await alice.page.getByTestId("member").filter({ hasText: carol.display }).getByTestId("remove-member").click();
  await alice.page.getByTestId("dialog-confirm").click();
  await carol.page.getByTestId("toast").filter({ hasText: "no longer in" }).waitFor({ timeout: 10000 });
  await carol.page.getByTestId("conversation").filter({ hasText: title }).waitFor({ state: "detached", timeout: 10000 });
  await until(alice.page, () => document.querySelectorAll("[data-testid=member]").length === 2);
  await alice.page.getByTestId("add-members").click();
  await alice.page.getByTestId("people-search").fill(carol.username);
  await alice.page.getByTestId("people-result").filter({ hasText: carol.display }).click();
  await alice.page.getByTestId("dialog-confirm").click();
  await carol.page.getByTestId("conversation").filter({ hasText: title }).waitFor({ timeout: 10000 });
  await until(alice.page, () => document.querySelectorAll("[data-testid=member]").length === 3);
});

await step("5. a member leaves the group and the others see it", async () => {
  await bob.page.getByTestId("info").click();
  await bob.page.getByTestId("leave-group").click();
  await bob.page.getByTestId("dialog").filter({ hasText: "Leave" }).waitFor();
  await snap(bob, "leave-dialog");
  await bob.page.getByTestId("dialog-confirm").click();
  await bob.page.getByTestId("conversation").filter({ hasText: title }).waitFor({ state: "detached", timeout: 10000 });
  await until(alice.page, () => document.querySelectorAll("[data-testid=member]").length === 2);
  await alice.page.getByTestId("pane-subtitle").filter({ hasText: "2 members" }).waitFor({ timeout: 5000 });
  await alice.page.getByTestId("add-members").click();
  await alice.page.getByTestId("people-search").fill(bob.username);
  await alice.page.getByTestId("people-result").filter({ hasText: bob.display }).click();
  await alice.page.getByTestId("dialog-confirm").click();
  await bob.page.getByTestId("conversation").filter({ hasText: title }).waitFor({ timeout: 10000 });
  await alice.page.getByTestId("info-close").click();
});

await step("unread messages get a 'new messages' line when the conversation is opened", async () => {
  await bob.page.getByTestId("search").fill("");
  await bob.page.evaluate(() => { location.hash = "#/"; });
  await rest(alice, "POST", "/messages", { conversationId: groupId, content: "First unread" });
  await rest(alice, "POST", "/messages", { conversationId: groupId, content: "Second unread" });
  await bob.page.getByTestId("conversation").filter({ hasText: title }).getByTestId("unread-badge").filter({ hasText: "2" }).waitFor({ timeout: 10000 });
  await snap(bob, "conversation-list");
  await assertAccessible(bob, "conversation list");
  await openConversation(bob, title);
  const next = bob.page.locator("[data-testid=unread-divider] + [data-testid=message]");
  await next.getByTestId("message-content").filter({ hasText: "First unread" }).waitFor({ timeout: 10000 });
});

await step("6. search shows sender, conversation and date, and opens the message highlighted", async () => {
  for (let i = 1; i <= 60; i++) await rest(bob, "POST", "/messages", { conversationId: groupId, content: "later message " + i });
  if (await carol.page.getByTestId("back").isVisible()) await carol.page.getByTestId("back").click();
  await carol.page.getByTestId("search").fill("Saturday");
  const result = carol.page.getByTestId("search-result").first();
  await result.waitFor({ timeout: 10000 });
  expect((await result.getByTestId("search-result-sender").textContent()).includes(alice.display), "no sender");
  expect((await result.getByTestId("search-result-conversation").textContent()).includes(title), "no conversation");
  expect((await result.getByTestId("search-result-date").getAttribute("datetime")).length > 0, "no date");
  await snap(carol, "search-results");
  await result.click();
  await carol.page.locator(".message.highlight", { hasText: "Who is in for Saturday?" }).waitFor({ timeout: 10000 });
  await assertNoOverflow(carol, "jumped");
  await snap(carol, "search-jump");
});

await step("6. a search that finds nothing says so", async () => {
  await alice.page.getByTestId("search").fill("zebra-quantum-nothing");
  await alice.page.getByTestId("search-empty").filter({ hasText: "No people or messages match" }).waitFor({ timeout: 10000 });
  await snap(alice, "search-empty");
  await alice.page.getByTestId("search").press("Escape");
});

await step("7. a reload keeps Bob signed in with the group open; a new tab signs him in too", async () => {
  await bob.page.reload();
  await bob.page.getByTestId("pane-title").filter({ hasText: title }).waitFor({ timeout: 10000 });
  await bob.page.getByTestId("message-content").filter({ hasText: "later message 60" }).waitFor({ timeout: 10000 });
  const tab = await bob.context.newPage();
  await tab.goto(base + "/");
  await tab.getByTestId("conversation").filter({ hasText: title }).waitFor({ timeout: 10000 });
  await tab.close();
});

await step("the group in the dark theme at both sizes", async () => {
  for (const who of [alice, carol]) {
    await who.page.emulateMedia({ colorScheme: "dark" });
    if (await who.page.getByTestId("conversation-list").isVisible()) await openConversation(who, title);
    await snap(who, "group-dark");
    await assertAccessible(who, who.name + " (dark)");
    await who.page.emulateMedia({ colorScheme: "light" });
  }
});

await finish();
