// The older scenarios' helpers (launch, person, screenshots, finish), on top of lib.mjs.
import * as lib from "./lib.mjs";

export { base, pageErrors, step } from "./lib.mjs";

/** The shared headless Chromium (it already has the fake microphone flags). */
export async function launch() {
  return lib.browser;
}

/** A new user registered through the page, online; `prepare(context)` runs before the page opens. */
export async function person(browser, name, prepare = async () => {}) {
  return lib.person(name, lib.DESKTOP, prepare);
}

/** Saves screenshots named after the scenario. */
export function screenshots(prefix = "") {
  process.env.SCENARIO ||= prefix.replace(/-$/, "");
  return (who, label) => lib.snap(who, label);
}

export async function finish() {
  await lib.finish();
}
