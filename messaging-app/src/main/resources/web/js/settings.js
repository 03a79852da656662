// The settings menu: entries from features (registerSettingsItem), then log out.
import { state, $ } from "./state.js";
import { settingsItems } from "./extensions.js";

function open() {
  const items = $("#settings-items");
  items.replaceChildren(...settingsItems.map((item) => item.render({ state, close })).filter(Boolean));
  $("#settings-menu").hidden = false;
  $("#settings-button").setAttribute("aria-expanded", "true");
  $("#settings-menu").querySelector("button, input, [tabindex]")?.focus();
}

export function close() {
  if ($("#settings-menu").hidden) return false;
  $("#settings-menu").hidden = true;
  $("#settings-button").setAttribute("aria-expanded", "false");
  return true;
}

export function setUpSettings() {
  $("#settings-button").addEventListener("click", () => ($("#settings-menu").hidden ? open() : close()));
  document.addEventListener("pointerdown", (event) => {
    if (!event.target.closest(".menu-anchor")) close();
  });
}
