package io.messaging.rest;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.port.in.Authenticate;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** Lets a request through only with a valid bearer token, except on the few public routes. */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {
    private static final Set<String> PUBLIC = Set.of(
            "auth/register",
            "auth/login",
            "auth/activate",
            "auth/password-reset/request",
            "auth/password-reset/confirm",
            "health",
            "config",
            "openapi.json",
            "docs");

    private final Authenticate authenticate;

    AuthenticationFilter(Authenticate authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                || isPublic(request.getUriInfo().getPath())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
            request.abortWith(unauthorized("a bearer token is required"));
            return;
        }
        Outcome<User> user = authenticate.authenticate(header.substring(7).trim());
        if (user instanceof Outcome.Success<User> ok) {
            request.setProperty(Caller.PROPERTY, ok.value());
        } else {
            request.abortWith(unauthorized("the token is missing, invalid or expired"));
        }
    }

    private static boolean isPublic(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return PUBLIC.contains(trimmed) || trimmed.startsWith("docs/");
    }

    private static Response unauthorized(String detail) {
        var problem = Problems.of(401, "unauthorized", detail);
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
