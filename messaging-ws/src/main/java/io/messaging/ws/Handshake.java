package io.messaging.ws;

import java.util.Map;
import java.util.Optional;

/** What the opening HTTP request of a connection said: its query parameters, the bearer header, the peer. */
record Handshake(Map<String, String> query, Optional<String> authorization, String remoteAddress) {
    Handshake {
        query = Map.copyOf(query);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The bearer token of the Authorization header, if any. */
    Optional<String> bearerToken() {
        return authorization
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
    }
}
