package io.messaging.app;

import io.messaging.rest.RestApi;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * The error page of every answer Grizzly writes itself (a missing static file, a handler that failed): a problem
 * document, never an HTML page or a stack trace.
 */
final class ProblemPages implements ErrorPageGenerator {
    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        request.getResponse().setContentType("application/problem+json;charset=UTF-8");
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "malformed_request";
        };
        String detail = status == 404
                ? "no such resource"
                : status >= 500 ? "the server failed; the failure was logged" : "the request was refused";
        return RestApi.problemJson(status, code, detail);
    }
}
