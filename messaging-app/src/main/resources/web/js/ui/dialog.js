// Asking the user something: a question with a text answer, or a confirmation.
export async function ask(question, initial = "") {
  return prompt(question, initial);
}

export async function confirmAction(question) {
  return confirm(question);
}

export function notify(message) {
  alert(message);
}
