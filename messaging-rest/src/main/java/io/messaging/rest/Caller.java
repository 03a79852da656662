package io.messaging.rest;

import io.messaging.core.model.User;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Where the authentication filter leaves the authenticated user for the resources. */
final class Caller {
    static final String PROPERTY = "io.messaging.rest.user";

    private Caller() {}

    static User of(ContainerRequestContext request) {
        Object user = request.getProperty(PROPERTY);
        if (!(user instanceof User known)) {
            throw new IllegalStateException("the authentication filter did not run for "
                    + request.getUriInfo().getPath());
        }
        return known;
    }
}
