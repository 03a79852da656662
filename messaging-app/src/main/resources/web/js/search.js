// Full-text search of the caller's messages.
import { api } from "./api.js";
import { $ } from "./state.js";
import { openConversation } from "./conversations.js";

export function setUpSearch() {
  $("#message-search").addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = new FormData(event.target).get("q").trim();
    const list = $("#search-results");
    list.replaceChildren();
    if (!q) return;
    const found = await api("GET", "/messages/search?limit=20&q=" + encodeURIComponent(q));
    for (const message of found.items) {
      const button = document.createElement("button");
      button.dataset.testid = "search-result";
      button.textContent = message.content;
      button.addEventListener("click", () => openConversation(message.conversationId));
      const item = document.createElement("li");
      item.append(button);
      list.append(item);
    }
  });
}
