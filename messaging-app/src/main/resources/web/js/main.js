// Starts the web client: links in the address, the stored session, then the chat.
import { api, setToken } from "./api.js";
import { state, $ } from "./state.js";
import { forgetSession, handleLinks, setUpAuthForms, storedToken } from "./session.js";
import { setUpConversationControls } from "./conversations.js";
import { setUpComposer } from "./composer.js";
import { setUpSearch } from "./search.js";
import { connect } from "./realtime.js";
import "./features/index.js";

async function start(user) {
  $("#auth").hidden = true;
  $("#app").hidden = false;
  state.me = user || (await api("GET", "/users/me"));
  $("#me-name").textContent = state.me.displayName;
  connect(storedToken(), () => {
    forgetSession();
    location.href = "/";
  });
}

setUpAuthForms(start);
setUpConversationControls();
setUpComposer();
setUpSearch();

await handleLinks();
const token = storedToken();
if (token) {
  setToken(token);
  try {
    await start();
  } catch (error) {
    forgetSession();
    $("#auth").hidden = false;
  }
} else {
  $("#auth").hidden = false;
}
