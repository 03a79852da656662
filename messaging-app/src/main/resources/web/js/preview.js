// One line that stands for a message where there is no room for it (the conversation list, notifications).
// The same rules as the server's MessagePreview, which writes Web Push bodies.

const MAX_LENGTH = 100;

/** A duration as a player shows it, m:ss, rounded to the second and at least 0:01. */
export function formatDuration(millis) {
  const seconds = Math.max(1, Math.round(millis / 1000));
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

/** "Voice message (0:07)", "Photo", "File: report.pdf", the text on one line, or "message deleted". */
export function messagePreview(message) {
  if (message.deleted) return "message deleted";
  const text = (message.content || "").trim().replace(/\s+/g, " ");
  let preview;
  switch (message.type) {
    case "voice":
      preview = "Voice message" + (message.voice ? ` (${formatDuration(message.voice.durationMs)})` : "");
      break;
    case "image":
      preview = text ? "Photo: " + text : "Photo";
      break;
    case "file":
      preview = "File: " + (message.attachments?.[0]?.name || text || "attachment");
      break;
    case "encrypted":
      preview = text || "Encrypted message";
      break;
    default:
      preview = text || "[" + message.type + "]";
  }
  return preview.length <= MAX_LENGTH ? preview : preview.slice(0, MAX_LENGTH - 1) + "…";
}
