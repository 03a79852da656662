package io.messaging.core.memory;

import io.messaging.core.port.out.Stores;

/** Creates the in-memory store adapters: thread-safe, keeping immutable copies, lost when the process ends. */
public final class InMemoryStores {
    private InMemoryStores() {}

    /** A fresh, empty set of stores that share one in-memory state. */
    public static Stores create() {
        var conversations = new InMemoryConversations();
        var messages = new InMemoryMessages(conversations);
        return new Stores(
                new InMemoryUsers(),
                conversations,
                messages,
                messages,
                new InMemoryAttachments(),
                new InMemoryOneTimeTokens(),
                new InMemoryPushSubscriptions(),
                new InMemoryPushQueue(),
                new InMemoryDevices());
    }
}
