package io.messaging.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.wire.JsonFields;
import io.messaging.wire.StrictJson;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads JSON request bodies within a size limit; too large or malformed bodies become problems. */
final class Bodies {
    private final int maxBytes;

    Bodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body as JSON fields; throws a {@link WebApplicationException} carrying the problem otherwise. */
    JsonFields read(InputStream in) {
        return readOptional(in)
                .orElseThrow(() ->
                        new WebApplicationException(Problems.of(400, "validation_failed", "a JSON body is required")));
    }

    /** The body as JSON fields, or empty when there is no body at all (for routes whose body is optional). */
    Optional<JsonFields> readOptional(InputStream in) {
        byte[] bytes = readLimited(in);
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonFields.of(toJson(bytes)));
        } catch (JsonFields.BadField e) {
            throw new WebApplicationException(Problems.of(400, "validation_failed", e.getMessage()));
        }
    }

    private static JsonNode toJson(byte[] bytes) {
        try {
            return StrictJson.parse(bytes);
        } catch (StrictJson.Invalid e) {
            throw new WebApplicationException(Problems.of(400, "malformed_json", e.getMessage()));
        }
    }

    private byte[] readLimited(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            var buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) != -1) {
                buffer.write(chunk, 0, read);
                if (buffer.size() > maxBytes) {
                    throw new WebApplicationException(
                            Problems.of(413, "payload_too_large", "the body is larger than " + maxBytes + " bytes"));
                }
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new WebApplicationException(Problems.of(400, "validation_failed", "the body could not be read"));
        }
    }
}
