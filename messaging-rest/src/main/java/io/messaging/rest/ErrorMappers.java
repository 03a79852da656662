package io.messaging.rest;

import io.messaging.core.port.out.StoreException;
import io.messaging.wire.JsonFields;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every exception leaves as a problem: never a stack trace, never a 500 for a client's mistake. */
final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    /** Routing, method and media-type failures from JAX-RS, and problems thrown by the resources. */
    static final class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            Response response = exception.getResponse();
            if (response != null && response.hasEntity()) {
                return response;
            }
            int status = response == null ? 500 : response.getStatus();
            Response problem = switch (status) {
                case 404 -> Problems.of(404, "not_found", "no such resource");
                case 405 -> Problems.of(405, "method_not_allowed", "this method is not allowed here");
                case 406 -> Problems.of(406, "not_acceptable", "this resource answers JSON");
                case 413 -> Problems.of(413, "payload_too_large", "the body is too large");
                case 415 -> Problems.of(415, "unsupported_media_type", "send application/json");
                case 400 -> Problems.of(400, "validation_failed", "the request is malformed");
                default ->
                    status >= 500
                            ? Problems.of(status, "internal_error", "the server failed")
                            : Problems.of(status, "error", "the request failed");
            };
            if (response != null && response.getHeaderString("Allow") != null) {
                return Response.fromResponse(problem)
                        .header("Allow", response.getHeaderString("Allow"))
                        .build();
            }
            return problem;
        }
    }

    /** A field of a body or a path that is missing or malformed. */
    static final class BadFields implements ExceptionMapper<JsonFields.BadField> {
        @Override
        public Response toResponse(JsonFields.BadField exception) {
            return Problems.of(400, "validation_failed", exception.getMessage());
        }
    }

    /** The store could not be reached: the client may retry later. */
    static final class StoreFailures implements ExceptionMapper<StoreException> {
        @Override
        public Response toResponse(StoreException exception) {
            LOG.error("store unavailable", exception);
            return Response.fromResponse(Problems.of(503, "unavailable", "the store is unavailable, retry later"))
                    .header("Retry-After", "1")
                    .build();
        }
    }

    /** Anything else is a defect: logged with context, answered without internals. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            LOG.error("unexpected failure", exception);
            return Problems.of(500, "internal_error", "the server failed; the failure was logged");
        }
    }
}
