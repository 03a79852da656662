package io.messaging.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.ErrorCode;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details with a stable {@code code}, the only shape in which this API reports failures. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    static Response of(int status, String code, String detail) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(json(status, code, detail))
                .build();
    }

    /** The problem document itself, for answers written outside JAX-RS. */
    static String json(int status, String code, String detail) {
        ObjectNode body = WireJson.MAPPER
                .createObjectNode()
                .put("type", "urn:problem:" + code)
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
        return WireJson.write(body);
    }

    static Response of(ErrorCode code, String detail) {
        return of(status(code), code.wireCode(), detail);
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, ENCRYPTION_REQUIRED -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, ACCOUNT_INACTIVE -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
