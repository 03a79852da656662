package io.messaging.ws.violation;

import io.messaging.core.Messaging;

/** Breaks the inbound adapter rule on purpose: a real-time handler holding the whole core instead of its in-ports. */
public class HandlerHoldingTheFacade {
    private final Messaging core;

    public HandlerHoldingTheFacade(Messaging core) {
        this.core = core;
    }

    public Object sendMessage() {
        return core.sendMessage();
    }
}
