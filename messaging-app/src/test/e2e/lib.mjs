// What the browser scenarios share: Chromium, people who register through the page, steps, screenshots, checks.
// Environment: BASE_URL, CHROMIUM_PATH, SCREENSHOT_DIR; CLIENT_DIR serves the client's files from a directory
// instead of the server (to run a scenario against another version of the client).
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { extname, join } from "node:path";

export const base = process.env.BASE_URL || "http://localhost:3000";
export const shots = process.env.SCREENSHOT_DIR || "./screenshots";
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
mkdirSync(shots, { recursive: true });

let passed = 0;
const failures = [];
export const pageErrors = [];
export const suffix = Math.random().toString(36).slice(2, 8);

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    // A fake microphone and camera, allowed without asking (the voice scenario records with it).
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
});

/** Runs one named check; a failure is reported and the scenario goes on. */
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

export async function finish() {
  await step("no script errors on any page", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("; "));
  });
  await browser.close();
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

async function serveClientFrom(context, directory) {
  await context.route((url) => !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/socket.io/"), (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(directory, path === "/" ? "index.html" : path);
    if (!existsSync(file)) return route.continue();
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] || "application/octet-stream" });
  });
}

/** A browser context (its own storage: one person's device) at a viewport size; `prepare(context)` runs first. */
export async function device(label, viewport = DESKTOP, prepare = async () => {}) {
  const context = await browser.newContext({ viewport });
  if (process.env.CLIENT_DIR) await serveClientFrom(context, process.env.CLIENT_DIR);
  await prepare(context);
  const page = await context.newPage();
  watch(page, label);
  return { context, page };
}

export function watch(page, label) {
  page.on("pageerror", (error) => pageErrors.push(label + ": " + error.message));
}

/** Registers a new person through the page and waits until they are connected. */
export async function person(name, viewport = DESKTOP, prepare = async () => {}) {
  const { context, page } = await device(name, viewport, prepare);
  await page.goto(base + "/");
  const username = name.toLowerCase() + suffix;
  const display = name + " " + suffix;
  await page.locator("#auth:not([hidden])").waitFor({ timeout: 10000 });
  const toRegister = page.getByTestId("show-register");
  if (await toRegister.isVisible()) await toRegister.click();
  await page.getByTestId("register-username").fill(username);
  await page.getByTestId("register-email").fill(username + "@example.com");
  await page.getByTestId("register-display-name").fill(display);
  await page.getByTestId("register-password").fill("password-" + username);
  await page.getByTestId("register-submit").click();
  await page.getByTestId("connection").filter({ hasText: "online" }).waitFor({ timeout: 10000 });
  return { name, context, page, username, display, password: "password-" + username };
}

/** The person's bearer token, read from where the client keeps its session (or given, for someone without a page). */
export async function tokenOf(who) {
  if (who.token) return who.token;
  return who.page.evaluate(() => {
    const stored = localStorage.getItem("messaging.session") || sessionStorage.getItem("token");
    try {
      return JSON.parse(stored).token;
    } catch (error) {
      return stored;
    }
  });
}

/** A REST call as this person (setting up data faster than clicking). */
export async function rest(who, method, path, body) {
  const token = await tokenOf(who);
  const response = await fetch(base + "/api" + path, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: "Bearer " + token, "content-type": "application/json" },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

let shot = 0;
/** A screenshot in SCREENSHOT_DIR, named by order, scenario and label. */
export async function snap(who, label) {
  const page = who.page || who;
  const size = page.viewportSize();
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${shots}/${process.env.SCENARIO || "e2e"}-${String(++shot).padStart(2, "0")}-${label}-${size.width}x${size.height}.png` });
}

/** No layout may be wider than the viewport. */
export async function assertNoOverflow(who, where = "") {
  const page = who.page || who;
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  if (scroll > inner) throw new Error(`${where} page is ${scroll} px wide in a ${inner} px viewport`);
}

/** The element is inside the viewport, horizontally and vertically. */
export async function assertOnScreen(locator, what) {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize();
  if (!box) throw new Error(`${what} is not shown`);
  if (box.x < 0 || box.y < 0 || box.x + box.width > viewport.width + 1 || box.y + box.height > viewport.height + 1) {
    throw new Error(`${what} is off screen: ${JSON.stringify(box)} in ${viewport.width}x${viewport.height}`);
  }
}

/** axe-core's WCAG 2 A/AA rules: no serious or critical violation. */
export async function assertAccessible(who, screen) {
  const page = who.page || who;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) {
    throw new Error(`${screen}: ` + bad.map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`).join("; "));
  }
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until a function of the page returns true. */
export async function until(page, fn, arg, timeout = 10000) {
  await page.waitForFunction(fn, arg, { timeout });
}

/** Opens the conversation with this title from the list (on a phone the list is the first screen). */
export async function openConversation(who, title) {
  await who.page.getByTestId("conversation").filter({ hasText: title }).first().click();
  await who.page.getByTestId("pane-title").filter({ hasText: title }).waitFor({ timeout: 10000 });
}

/** Finds someone through the search box and opens the chat with them. */
export async function startChat(who, other) {
  // (The client before the unified search box had a "user-search" box: CLIENT_DIR runs against it.)
  const box = (await who.page.getByTestId("search").count()) ? "search" : "user-search";
  await who.page.getByTestId(box).fill(other.username);
  await who.page.getByTestId("user-result").filter({ hasText: other.display }).first().click();
  await who.page.getByTestId("pane-title").filter({ hasText: other.display }).waitFor({ timeout: 10000 });
}

export async function sendText(who, text) {
  await who.page.getByTestId("composer-input").fill(text);
  await who.page.getByTestId("composer-send").click();
  await who.page.locator("[data-testid=message]:not(.pending) [data-testid=message-content]", { hasText: text }).first()
    .waitFor({ timeout: 10000 });
}
