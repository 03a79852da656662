package io.messaging.core.model;

import java.util.Objects;

/**
 * The one-line text that stands for a message where there is no room for the message itself: a push notification's
 * body, a conversation list's last message. A voice message reads {@code Voice message (0:07)}; an encrypted one,
 * whose text the server never has, {@code New message}.
 */
public final class MessagePreview {
    /** The longest preview, in characters, before it is cut with an ellipsis. */
    public static final int MAX_LENGTH = 100;

    private MessagePreview() {}

    /** The preview of the message as its recipients see it now (a deleted message says so, and nothing more). */
    public static String of(Message message) {
        Objects.requireNonNull(message, "message");
        if (message.deleted()) {
            return "Message deleted";
        }
        String text = message.content()
                .map(content -> content.strip().replaceAll("\\s+", " "))
                .orElse("");
        String preview = switch (message.type()) {
            case TEXT -> text;
            case VOICE ->
                "Voice message"
                        + message.voice()
                                .map(voice -> " (" + duration(voice.durationMs()) + ")")
                                .orElse("");
            case ENCRYPTED -> "New message";
            case IMAGE -> text.isEmpty() ? "Photo" : "Photo: " + text;
            case FILE ->
                "File: "
                        + message.attachments().stream()
                                .findFirst()
                                .flatMap(Attachment::name)
                                .orElse(text.isEmpty() ? "attachment" : text);
        };
        if (preview.length() <= MAX_LENGTH) {
            return preview;
        }
        int cut = Character.isHighSurrogate(preview.charAt(MAX_LENGTH - 2)) ? MAX_LENGTH - 2 : MAX_LENGTH - 1;
        return preview.substring(0, cut) + "\u2026";
    }

    /** A duration as a player shows it, {@code m:ss}, rounded to the second and at least {@code 0:01}. */
    public static String duration(long millis) {
        long seconds = Math.max(1, Math.round(millis / 1000.0));
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }
}
