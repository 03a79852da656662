// Starts the web client: what the server offers, links in the address, the stored session, then the chat.
import { api } from "./api.js";
import { state, $ } from "./state.js";
import { endSession, handleLinks, setUpAuth, showAuth, storedSession, use } from "./session.js";
import { closeConversation, route, setUpConversations } from "./conversations.js";
import { cancelComposerContext, loadOutbox, setUpComposer } from "./composer.js";
import { clearSearch, setUpSearch } from "./search.js";
import { closeEmojiPicker, setUpReactions } from "./reactions.js";
import { closeInfo, setUpGroups } from "./groups.js";
import { close as closeSettings, setUpSettings } from "./settings.js";
import { connect } from "./realtime.js";
import { avatar } from "./ui/avatar.js";
import { isDialogOpen } from "./ui/dialog.js";
import { signInHooks } from "./extensions.js";
import "./features/index.js";

async function start(user) {
  state.me = user || (await api("GET", "/users/me"));
  $("#auth").hidden = true;
  $("#app").hidden = false;
  $("#me-name").textContent = state.me.displayName;
  $("#me-avatar").replaceWith(Object.assign(avatar(state.me.displayName, state.me.id), { id: "me-avatar" }));
  closeConversation();
  for (const hook of signInHooks) await hook(state.me);
  loadOutbox();
  connect(storedSession()?.token, {
    onUnauthorized: () => endSession("Your session has ended. Log in again."),
    onFirstConnect: route,
  });
}

// Esc closes the innermost thing that is open.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || isDialogOpen() || event.defaultPrevented) return;
  if (closeEmojiPicker() || closeSettings() || cancelComposerContext()) return;
  if (!$("#search-panel").hidden) return clearSearch();
  closeInfo();
});

try {
  state.config = await api("GET", "/config");
} catch (error) {
  state.config = { mail: false, push: false };
}
setUpAuth(start);
setUpConversations();
setUpComposer();
setUpSearch();
setUpReactions();
setUpGroups();
setUpSettings();

const firstForm = await handleLinks();
const session = storedSession();
if (session?.token && firstForm === "login-form") {
  use(session);
  try {
    await start();
  } catch (error) {
    if (error.status !== 401) showAuth("login-form", "The server cannot be reached right now. Try again in a moment.");
  }
} else {
  showAuth(firstForm, session?.expired ? "Your session has ended. Log in again." : undefined);
}
