// Short notices at the bottom of the screen that go away by themselves.
import { h } from "./dom.js";

export function toast(text, { error = false } = {}) {
  const item = h("div", { class: "toast" + (error ? " error" : ""), role: error ? "alert" : "status", testid: "toast", text });
  document.getElementById("toasts").append(item);
  setTimeout(() => item.remove(), 5000);
}
