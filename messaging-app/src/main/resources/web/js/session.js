// Signing up, in and out; activation and password-reset links; the session kept in localStorage until it expires.
import { api, sentence, setToken, whenUnauthorized } from "./api.js";
import { state, $ } from "./state.js";

const KEY = "messaging.session";
let expiryTimer = null;
let onSignedIn = () => {};

/** The stored session `{token, expiresAt}`; `{expired: true}` when it has run out (and is then forgotten). */
export function storedSession() {
  let session = null;
  try {
    session = JSON.parse(localStorage.getItem(KEY));
  } catch (error) {
    session = null;
  }
  if (!session?.token) return null;
  if (session.expiresAt && Date.now() >= session.expiresAt) {
    localStorage.removeItem(KEY);
    return { expired: true };
  }
  return session;
}

function expiryOf(token, expiresIn) {
  if (expiresIn) return Date.now() + expiresIn * 1000;
  try {
    const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return claims.exp ? claims.exp * 1000 : null;
  } catch (error) {
    return null;
  }
}

function keep(token, expiresIn) {
  const session = { token, expiresAt: expiryOf(token, expiresIn) };
  localStorage.setItem(KEY, JSON.stringify(session));
  use(session);
}

/** Uses a session: its token for every call, and a timer that ends it when it expires. */
export function use(session) {
  setToken(session.token);
  clearTimeout(expiryTimer);
  const left = session.expiresAt ? session.expiresAt - Date.now() : null;
  if (left !== null && left < 2 ** 31 - 1) expiryTimer = setTimeout(() => endSession("Your session has ended. Log in again."), left);
}

/** Forgets the session in every tab and shows the log-in screen, with a reason if there is one. */
export function endSession(reason) {
  localStorage.removeItem(KEY);
  setToken(null);
  location.replace("/" + (reason ? "?ended=1" : ""));
}

export function showAuth(formId = "login-form", message) {
  $("#app").hidden = true;
  $("#auth").hidden = false;
  showForm(formId);
  if (message) say(message);
}

function say(message, warning = false) {
  const notice = $("#auth-message");
  notice.textContent = message;
  notice.classList.toggle("warning", warning);
  notice.hidden = !message;
}

function showForm(id) {
  for (const form of document.querySelectorAll(".auth-form")) {
    form.hidden = form.id !== id;
    fail(form, null);
  }
  if (id === "forgot-form") {
    $("#reset-unavailable").hidden = state.config.mail;
    $("#reset-available").hidden = !state.config.mail;
  }
  document.getElementById(id).querySelector("input:not([hidden])")?.focus();
}

function fail(form, message) {
  const error = form.querySelector(".form-error");
  error.textContent = message || "";
  error.hidden = !message;
}

/** A readable sentence for a failed call of the sign-in screens. */
function explain(error, context) {
  if (error.code === "network") return "The server cannot be reached. Check your connection and try again.";
  if (error.code === "rate_limited") return "Too many attempts. Wait a minute and try again.";
  if (context === "login" && error.status === 401) return "That username or password is not right.";
  if (error.code === "account_inactive") return "Your account is not active yet: open the activation link we emailed you.";
  if (context === "register" && error.code === "conflict") return "That username or email is already taken.";
  if (context === "reset" && error.status === 404) return "That reset link is invalid, used or expired. Ask for a new one.";
  return sentence(error.message);
}

/** Checks the browser's own constraints (required, email, minlength) and names the first problem. */
function invalid(form) {
  const field = [...form.elements].find((element) => element.willValidate && !element.checkValidity());
  if (!field) return null;
  field.focus();
  const label = form.querySelector(`label[for="${field.id}"]`)?.firstChild?.textContent.trim() || field.name;
  if (field.validity.valueMissing) return `${label} is required.`;
  if (field.validity.typeMismatch) return `${label} does not look like an email address.`;
  if (field.validity.tooShort) return `${label} needs at least ${field.minLength} characters.`;
  return sentence(field.validationMessage);
}

function handle(form, context, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = invalid(form);
    if (problem) return fail(form, problem);
    fail(form, null);
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    try {
      await action(new FormData(form));
    } catch (error) {
      fail(form, explain(error, context));
    } finally {
      button.disabled = false;
    }
  });
}

export function setUpAuth(signedIn) {
  onSignedIn = signedIn;
  whenUnauthorized(() => endSession("Your session has ended. Log in again."));
  for (const button of document.querySelectorAll("[data-show]")) {
    button.addEventListener("click", () => {
      say("");
      showForm(button.dataset.show);
    });
  }

  handle($("#login-form"), "login", async (form) => {
    const session = await api("POST", "/auth/login", { login: form.get("login").trim(), password: form.get("password") });
    keep(session.token, session.expiresIn);
    onSignedIn(session.user);
  });

  handle($("#register-form"), "register", async (form) => {
    const body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, k === "password" ? v : v.trim()]).filter(([, v]) => v !== ""));
    const user = await api("POST", "/auth/register", body);
    if (!user.active) {
      showForm("login-form");
      say(`Account created. Open the activation link we emailed to ${body.email}, then log in.`);
      return;
    }
    const session = await api("POST", "/auth/login", { login: body.username, password: body.password });
    keep(session.token, session.expiresIn);
    onSignedIn(session.user);
  });

  handle($("#forgot-form"), "forgot", async (form) => {
    await api("POST", "/auth/password-reset/request", { email: form.get("email").trim() });
    showForm("login-form");
    say("If an account uses that address, we have emailed it a link to choose a new password.");
  });

  $("#logout").addEventListener("click", () => {
    state.socket?.disconnect();
    localStorage.removeItem(KEY);
    location.replace("/");
  });

  // Another tab logged out or in: follow it.
  addEventListener("storage", (event) => {
    if (event.key !== KEY) return;
    if (!event.newValue && state.me) location.replace("/");
    if (event.newValue && !state.me) location.reload();
  });
}

/** Mail links: `?activate=<token>` and `?reset=<token>`; returns the form to show first. */
export async function handleLinks() {
  const params = new URLSearchParams(location.search);
  let form = "login-form";
  if (params.get("ended")) say("Your session has ended. Log in again.");
  if (params.get("activate")) {
    try {
      await api("POST", "/auth/activate", { token: params.get("activate") });
      say("Your account is active. Log in.");
    } catch (error) {
      say("That activation link is invalid or expired.", true);
    }
  }
  const reset = params.get("reset");
  if (reset) {
    form = "reset-form";
    handle($("#reset-form"), "reset", async (data) => {
      await api("POST", "/auth/password-reset/confirm", { token: reset, password: data.get("password") });
      showForm("login-form");
      say("Password changed. Log in with your new password.");
    });
  }
  if (params.size) history.replaceState(null, "", "/" + location.hash);
  return form;
}
