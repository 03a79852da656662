package io.messaging.security.violation;

import jakarta.ws.rs.core.Response;

/** Breaks the security rule on purpose: a security adapter answering with a JAX-RS response. */
public class SecurityUsingJersey {
    public Response refuse() {
        return Response.status(401).build();
    }
}
