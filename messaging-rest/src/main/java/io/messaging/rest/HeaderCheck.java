package io.messaging.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Refuses a request whose {@code Content-Type} or {@code Accept} header cannot be parsed, with a problem, before
 * anything reads them (JAX-RS would otherwise answer an empty 400).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class HeaderCheck implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType)) {
            request.abortWith(Problems.of(415, "unsupported_media_type", "the Content-Type header is malformed"));
            return;
        }
        for (String accept : request.getHeaders().getOrDefault(HttpHeaders.ACCEPT, List.of())) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !parses(range.trim())) {
                    request.abortWith(Problems.of(400, "malformed_header", "the Accept header is malformed"));
                    return;
                }
            }
        }
    }

    private static boolean parses(String mediaType) {
        try {
            MediaType.valueOf(mediaType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
