// Modal dialogs on the native <dialog> element: focus stays inside, Esc cancels.
import { h } from "./dom.js";

/**
 * Shows a dialog and resolves to true when confirmed, false when cancelled. `content` is extra nodes between the
 * text and the buttons; `validate()` may return an error text to keep the dialog open.
 */
export function openDialog({ title, text, content = [], confirmLabel = "OK", cancelLabel = "Cancel", danger = false, validate }) {
  const dialog = document.getElementById("dialog");
  const error = h("p", { class: "form-error", role: "alert", hidden: true, testid: "dialog-error" });
  const confirm = h("button", { type: "submit", value: "confirm", class: danger ? "danger-button" : "primary", testid: "dialog-confirm", text: confirmLabel });
  const cancel = h("button", { type: "button", class: "secondary", testid: "dialog-cancel", text: cancelLabel, onClick: () => dialog.close("cancel") });
  const form = h("form", { method: "dialog" },
    h("h2", { id: "dialog-title", text: title }),
    text ? h("p", { text }) : null,
    ...content,
    error,
    h("div", { class: "dialog-actions" }, cancelLabel ? cancel : null, confirm));
  form.addEventListener("submit", (event) => {
    const problem = validate?.();
    if (problem) {
      event.preventDefault();
      error.textContent = problem;
      error.hidden = false;
    }
  });
  dialog.replaceChildren(form);
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
    (dialog.querySelector("[autofocus]") || (danger ? cancel : confirm)).focus();
  });
}

export function confirmAction(question, { title = "Are you sure?", confirmLabel = "OK", danger = false } = {}) {
  return openDialog({ title, text: question, confirmLabel, danger });
}

/** Asks for one line of text; resolves to it, or null when cancelled. */
export async function ask(title, { label = title, initial = "", confirmLabel = "OK" } = {}) {
  const input = h("input", { id: "dialog-input", value: initial, autofocus: true, required: true, testid: "dialog-input" });
  const ok = await openDialog({ title, confirmLabel, content: [h("label", { for: "dialog-input", text: label }), input],
    validate: () => (input.value.trim() ? null : "This cannot be empty.") });
  return ok ? input.value.trim() : null;
}

export function isDialogOpen() {
  return document.getElementById("dialog").open;
}
