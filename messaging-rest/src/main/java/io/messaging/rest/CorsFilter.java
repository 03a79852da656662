package io.messaging.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

/** Allows the configured browser origin, and answers its preflight requests before anything else runs. */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final String allowedOrigin;

    CorsFilter(String allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Origin") != null
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            request.abortWith(Response.noContent().build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !origin.equals(allowedOrigin)) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", allowedOrigin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        headers.putSingle("Vary", "Origin");
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Device-Id");
            headers.putSingle("Access-Control-Max-Age", "600");
        } else {
            headers.putSingle("Access-Control-Expose-Headers", "Retry-After, Location");
        }
    }
}
