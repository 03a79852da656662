package io.messaging.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a message carries: text, an image, a file, a voice recording, or ciphertext for each device of an end-to-end
 * encrypted conversation.
 */
public enum MessageType {
    TEXT,
    IMAGE,
    FILE,
    VOICE,
    ENCRYPTED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name, if any. */
    public static Optional<MessageType> fromWire(String name) {
        for (MessageType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
