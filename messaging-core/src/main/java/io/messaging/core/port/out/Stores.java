package io.messaging.core.port.out;

import java.util.Objects;

/** The store ports that a persistence adapter provides together. */
public record Stores(
        Users users,
        Conversations conversations,
        Messages messages,
        ReadReceipts readReceipts,
        Attachments attachments,
        OneTimeTokens oneTimeTokens,
        PushSubscriptions pushSubscriptions,
        PushQueue pushQueue,
        Devices devices) {
    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(readReceipts, "readReceipts");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(oneTimeTokens, "oneTimeTokens");
        Objects.requireNonNull(pushSubscriptions, "pushSubscriptions");
        Objects.requireNonNull(pushQueue, "pushQueue");
        Objects.requireNonNull(devices, "devices");
    }

    /** These stores with other messages and read receipts (for an adapter that wraps them, such as metrics). */
    public Stores withMessages(Messages otherMessages, ReadReceipts otherReadReceipts) {
        return new Stores(
                users,
                conversations,
                otherMessages,
                otherReadReceipts,
                attachments,
                oneTimeTokens,
                pushSubscriptions,
                pushQueue,
                devices);
    }
}
