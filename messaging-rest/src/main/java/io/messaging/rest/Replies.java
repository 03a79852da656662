package io.messaging.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.core.model.Outcome;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** Turns use-case outcomes into responses: JSON for a success, a problem for a failure. */
final class Replies {
    static final String JSON = MediaType.APPLICATION_JSON + "; charset=utf-8";

    private Replies() {}

    static Response json(int status, JsonNode body) {
        return Response.status(status).type(JSON).entity(WireJson.write(body)).build();
    }

    static <T> Response of(Outcome<T> outcome, int status, Function<T, ? extends JsonNode> body) {
        return respond(outcome, value -> json(status, body.apply(value)));
    }

    static <T> Response respond(Outcome<T> outcome, Function<T, Response> success) {
        if (outcome instanceof Outcome.Success<T> ok) {
            return success.apply(ok.value());
        }
        var failure = (Outcome.Failure<T>) outcome;
        return Problems.of(failure.code(), failure.message());
    }

    static Response noContent(Outcome<?> outcome) {
        return respond(outcome, ignored -> Response.noContent().build());
    }
}
