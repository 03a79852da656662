// A voice message through the web client in headless Chromium with a fake microphone: Alice records about two
// seconds and sends it; Bob sees it with its duration, plays it and seeks by clicking the waveform; a user whose
// microphone permission is refused is told so.
// Usage: BASE_URL=http://localhost:3000 CHROMIUM_PATH=/usr/bin/chromium node voice.e2e.mjs
import { DESKTOP, finish, person, snap, startChat, step } from "./lib.mjs";

process.env.SCENARIO ||= "voice";
const alice = await person("Alice");
const bob = await person("Bob");

/** The current time of the (first) voice message's audio element on the page. */
const currentTime = (who) => who.page.getByTestId("voice-audio").first().evaluate((audio) => audio.currentTime);

async function until(what, probe, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting until " + what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await step("Alice records about two seconds with a running timer and sends it", async () => {
  await startChat(alice, bob);
  await alice.page.getByTestId("composer-action-voice").click();
  await alice.page.getByTestId("voice-timer").filter({ hasText: "0:01" }).waitFor({ timeout: 10000 });
  await snap(alice, "alice-recording");
  await alice.page.getByTestId("voice-timer").filter({ hasText: "0:02" }).waitFor({ timeout: 5000 });
  await alice.page.getByTestId("voice-send").click();
  await alice.page.locator("[data-testid=message]:not(.pending) [data-testid=voice-message]").first()
    .waitFor({ timeout: 10000 });
  await snap(alice, "alice-sent-voice");
});

await step("Bob sees the voice message with its duration in the list and in the conversation", async () => {
  const preview = bob.page.getByTestId("conversation-preview").first();
  await preview.filter({ hasText: /^Voice message \(0:0[23]\)$/ }).waitFor({ timeout: 10000 });
  await bob.page.getByTestId("conversation").first().click();
  const time = bob.page.getByTestId("voice-time").first();
  await time.filter({ hasText: /^0:0[23]$/ }).waitFor({ timeout: 10000 });
  const bars = await bob.page.locator("[data-testid=voice-waveform] .bar").count();
  if (bars < 8) throw new Error("the waveform has " + bars + " bars");
});

await step("Bob plays it and its current time advances", async () => {
  await bob.page.getByTestId("voice-play").first().click();
  await until("the audio plays", async () => (await currentTime(bob)) > 0.3);
  await snap(bob, "bob-playing");
});

await step("Bob seeks by clicking the waveform", async () => {
  await bob.page.getByTestId("voice-play").first().click();
  const paused = await bob.page.getByTestId("voice-audio").first().evaluate((audio) => audio.paused);
  if (!paused) throw new Error("play/pause did not pause");
  const wave = bob.page.getByTestId("voice-waveform").first();
  const box = await wave.boundingBox();
  await wave.click({ position: { x: box.width * 0.8, y: box.height / 2 } });
  const duration = await bob.page.getByTestId("voice-audio").first().evaluate((audio) => audio.duration);
  const at = await until("the seek lands near 80%", async () => {
    const time = await currentTime(bob);
    return Math.abs(time - duration * 0.8) < 0.25 ? time : null;
  });
  const played = await bob.page.locator("[data-testid=voice-waveform] .bar.played").count();
  if (played === 0) throw new Error("the waveform shows no progress at " + at);
  await snap(bob, "bob-sought");
});

await step("Bob switches the speed through 1.5x and 2x", async () => {
  const speed = bob.page.getByTestId("voice-speed").first();
  await speed.click();
  await speed.filter({ hasText: "1.5×" }).waitFor();
  await speed.click();
  const rate = await bob.page.getByTestId("voice-audio").first().evaluate((audio) => audio.playbackRate);
  if (rate !== 2) throw new Error("playback rate " + rate);
});

await step("a refused microphone is explained", async () => {
  const carol = await person("Carol", DESKTOP, (context) => context.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied",
      "NotAllowedError"));
  }));
  await startChat(carol, alice);
  await carol.page.getByTestId("composer-action-voice").click();
  await carol.page.getByTestId("voice-error").filter({ hasText: "Microphone access was refused" })
    .waitFor({ timeout: 5000 });
  await snap(carol, "carol-microphone-refused");
});

await finish();
