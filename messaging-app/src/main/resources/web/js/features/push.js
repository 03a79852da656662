// Web Push: registers the service worker (/sw.js), answers its questions (is this conversation open and focused?),
// opens the conversation of a clicked notification (#/c/<id>), and adds an "Enable notifications" control to the settings.
import { api, currentToken } from "../api.js";
import { state } from "../state.js";
import { navigate } from "../conversations.js";
import { registerSettingsItem } from "../extensions.js";

const SUBSCRIPTION_KEY = "push-subscription-id";
const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
const registration = "serviceWorker" in navigator
  ? navigator.serviceWorker.register("/sw.js").catch(() => null)
  : Promise.resolve(null);

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "is-showing" && event.ports[0]) {
      event.ports[0].postMessage(showing(message.conversationId));
    } else if (message.type === "open-conversation" && message.conversationId) {
      navigate(message.conversationId);
    }
  });
}

/** Whether the user is looking at this conversation right now, so a notification would only repeat it. */
function showing(conversationId) {
  return document.visibilityState === "visible" && document.hasFocus() && state.current === conversationId;
}

function applicationServerKey(base64Url) {
  const base64 = base64Url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64Url.length + 3) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function currentSubscription() {
  const worker = await registration;
  return worker ? worker.pushManager.getSubscription() : null;
}

async function enable() {
  if ((await Notification.requestPermission()) !== "granted") {
    throw new Error("notifications are blocked for this site");
  }
  const worker = await registration;
  if (!worker) throw new Error("the service worker could not be registered");
  const { publicKey } = await api("GET", "/push/vapid-public-key");
  const subscription = await worker.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: applicationServerKey(publicKey),
  });
  const stored = await api("POST", "/push/subscriptions", subscription.toJSON());
  localStorage.setItem(SUBSCRIPTION_KEY, stored.id);
}

async function disable() {
  const subscription = await currentSubscription();
  const id = localStorage.getItem(SUBSCRIPTION_KEY);
  localStorage.removeItem(SUBSCRIPTION_KEY);
  if (id) await api("DELETE", "/push/subscriptions/" + encodeURIComponent(id)).catch(() => {});
  if (subscription) await subscription.unsubscribe();
}

function renderToggle() {
  if (!state.config?.push || !supported) return null;
  const item = document.createElement("div");
  item.className = "push-setting";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "menu-item";
  button.dataset.testid = "push-toggle";
  const status = document.createElement("span");
  status.className = "push-status";
  status.setAttribute("role", "status");
  status.dataset.testid = "push-status";
  item.append(button, status);

  const show = (on) => {
    button.textContent = on ? "Disable notifications" : "Enable notifications";
    button.dataset.enabled = String(on);
  };
  show(false);
  currentSubscription().then((subscription) => show(Boolean(subscription && localStorage.getItem(SUBSCRIPTION_KEY))));
  button.addEventListener("click", async () => {
    const on = button.dataset.enabled === "true";
    button.disabled = true;
    status.textContent = "";
    try {
      await (on ? disable() : enable());
      show(!on);
    } catch (error) {
      status.textContent = "Notifications are not available: " + error.message;
    } finally {
      button.disabled = false;
    }
  });
  return item;
}

// Logging out stops this browser's pushes for the account: the server forgets the subscription (a request that
// outlives the page) and the browser drops it, so the next person here does not get this account's messages.
document.addEventListener("click", (event) => {
  if (!event.target.closest || !event.target.closest("#logout")) return;
  const id = localStorage.getItem(SUBSCRIPTION_KEY);
  const token = currentToken();
  localStorage.removeItem(SUBSCRIPTION_KEY);
  if (id && token) {
    fetch("/api/push/subscriptions/" + encodeURIComponent(id), {
      method: "DELETE", headers: { authorization: "Bearer " + token }, keepalive: true,
    }).catch(() => {});
  }
  currentSubscription().then((subscription) => subscription && subscription.unsubscribe()).catch(() => {});
}, true);

registerSettingsItem({ id: "push", render: renderToggle });
