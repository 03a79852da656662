package io.messaging.core.port.out;

import java.util.Objects;

/** The store ports that a persistence adapter provides together. */
public record Stores(Users users, Conversations conversations, Messages messages, ReadReceipts readReceipts,
                     Attachments attachments, OneTimeTokens oneTimeTokens) {
    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(readReceipts, "readReceipts");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(oneTimeTokens, "oneTimeTokens");
    }
}
