package io.messaging.wire.violation;

import io.messaging.rest.violation.RestHelper;

/** Breaks the wire rule on purpose: the shared wire format reaching into an adapter. */
public class WireUsingAnAdapter {
    public String help() {
        return RestHelper.help();
    }
}
