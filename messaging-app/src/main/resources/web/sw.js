// The service worker of the web client (served at /sw.js so its scope is the whole site): shows Web Push
// notifications of new messages, unless a window is showing that conversation with focus, and opens or
// focuses the conversation when a notification is clicked.
const ASK_TIMEOUT_MS = 500;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  event.waitUntil(showPush(event.data));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openConversation(event.notification.data && event.notification.data.conversationId));
});

function payloadOf(data) {
  if (!data) return {};
  try {
    return data.json();
  } catch (notJson) {
    return { body: data.text() };
  }
}

async function showPush(data) {
  const payload = payloadOf(data);
  if (payload.conversationId && (await aWindowShows(payload.conversationId))) return;
  const options = {
    body: payload.body || "",
    data: { conversationId: payload.conversationId || null, messageId: payload.messageId || null },
  };
  if (payload.conversationId) {
    options.tag = "conversation-" + payload.conversationId;
    options.renotify = true;
  }
  await self.registration.showNotification(payload.title || "New message", options);
}

async function windows() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true });
}

async function aWindowShows(conversationId) {
  const answers = await Promise.all((await windows()).map((client) => ask(client, conversationId)));
  return answers.some(Boolean);
}

// Asks a window whether it shows the conversation and has focus; a window that does not answer in time does not.
function ask(client, conversationId) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), ASK_TIMEOUT_MS);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data === true);
    };
    client.postMessage({ type: "is-showing", conversationId }, [channel.port2]);
  });
}

async function openConversation(conversationId) {
  const open = (await windows()).find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    if (conversationId) open.postMessage({ type: "open-conversation", conversationId });
    return;
  }
  await self.clients.openWindow(conversationId ? "/#/c/" + encodeURIComponent(conversationId) : "/");
}
