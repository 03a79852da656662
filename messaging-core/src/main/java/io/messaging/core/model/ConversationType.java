package io.messaging.core.model;

import java.util.Locale;

/** Whether a conversation is between exactly two users or a titled group. */
public enum ConversationType {
    DIRECT,
    GROUP;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
