package io.messaging.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The ciphertext of an encrypted message for one device: {@code prekey} when it starts a session (it carries the
 * key agreement), {@code message} within one. The server stores and relays the body without reading it.
 */
public record Envelope(Kind type, String body) {
    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    /** The two kinds of envelope. */
    public enum Kind {
        PREKEY,
        MESSAGE;

        /** The lower-case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind with this wire name, if any. */
        public static Optional<Kind> fromWire(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
