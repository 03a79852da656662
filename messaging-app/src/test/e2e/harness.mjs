// What the browser scenarios share: headless Chromium, named steps, registered users, screenshots, the summary.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

export const base = process.env.BASE_URL || "http://localhost:3000";
const shots = process.env.SCREENSHOT_DIR || "./screenshots";
mkdirSync(shots, { recursive: true });
let passed = 0;
const failures = [];
export const pageErrors = [];
const suffix = Math.random().toString(36).slice(2, 8);

/** Runs one named step; a failure is counted and printed, and the scenario goes on. */
export async function step(name, action) {
  try {
    await action();
    passed++;
    console.log("ok   " + name);
  } catch (error) {
    failures.push(name);
    console.log("FAIL " + name + ": " + error.message.split("\n")[0]);
  }
}

/** Headless Chromium with the given extra flags. */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

/** A new user registered through the page, online; `prepare(context)` runs before the page opens. */
export async function person(browser, name, prepare = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  await prepare(context);
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

/** Saves a screenshot of the person's page, numbered in the order taken, with a prefix per scenario. */
export function screenshots(prefix = "") {
  let shot = 0;
  return (who, label) => who.page.screenshot({
    path: `${shots}/${prefix}${String(++shot).padStart(2, "0")}-${label}.png`,
  });
}

/** The last step (no script errors), then the summary line the Java test reads, and the exit status. */
export async function finish(browser) {
  await step("no script errors on any page", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("; "));
  });
  await browser.close();
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}
