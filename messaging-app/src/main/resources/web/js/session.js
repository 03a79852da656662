// Signing up, in and out; activation and password-reset links; where the token is kept.
import { api, setToken } from "./api.js";
import { state, $ } from "./state.js";
import { ask } from "./ui/dialog.js";

const TOKEN_KEY = "token";

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetSession() {
  sessionStorage.removeItem(TOKEN_KEY);
  setToken(null);
}

function say(message) {
  $("#auth-message").textContent = message;
}

export function setUpAuthForms(signedIn) {
  $("#login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      const session = await api("POST", "/auth/login", { login: form.get("login"), password: form.get("password") });
      keep(session.token);
      signedIn(session.user);
    } catch (error) {
      say(error.code === "account_inactive" ? "Your account needs activation: open the link we mailed you." : error.message);
    }
  });

  $("#register-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = Object.fromEntries([...form.entries()].filter(([, value]) => value !== ""));
    try {
      const user = await api("POST", "/auth/register", body);
      if (!user.active) {
        say("Registered. Open the activation link we mailed to " + body.email + ".");
        return;
      }
      const session = await api("POST", "/auth/login", { login: body.username, password: body.password });
      keep(session.token);
      signedIn(session.user);
    } catch (error) {
      say(error.message);
    }
  });

  $("#forgot").addEventListener("click", async () => {
    const email = await ask("Your email address");
    if (!email) return;
    try {
      await api("POST", "/auth/password-reset/request", { email });
      say("If that address has an account, a reset link is on its way.");
    } catch (error) {
      say(error.message);
    }
  });

  $("#logout").addEventListener("click", () => {
    forgetSession();
    state.socket?.close();
    location.href = "/";
  });
}

function keep(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  setToken(token);
}

export async function handleLinks() {
  const params = new URLSearchParams(location.search || location.hash.slice(1));
  if (params.get("activate")) {
    try {
      await api("POST", "/auth/activate", { token: params.get("activate") });
      say("Your account is active. Log in.");
    } catch (error) {
      say("That activation link is invalid or expired.");
    }
    history.replaceState(null, "", "/");
  }
  if (params.get("reset")) {
    const form = $("#reset-form");
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api("POST", "/auth/password-reset/confirm", { token: params.get("reset"), password: new FormData(form).get("password") });
        say("Password changed. Log in.");
        form.hidden = true;
        history.replaceState(null, "", "/");
      } catch (error) {
        say(error.message);
      }
    });
  }
}
