package io.messaging.rest;

import org.glassfish.grizzly.http.server.Request;

/** The client's address for rate limits: the socket's peer, or the first X-Forwarded-For hop behind a proxy. */
final class ClientAddress {
    private final boolean trustProxy;

    ClientAddress(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    String of(Request request) {
        if (trustProxy) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        String remote = request.getRemoteAddr();
        return remote == null ? "unknown" : remote;
    }
}
