package io.messaging.rest;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.port.in.ListDevices;
import io.messaging.wire.JsonFields;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * The device a request speaks for, from its {@code X-Device-Id} header: only its envelopes of encrypted messages are
 * answered. A device that is not one of the caller's registered devices gets none, as a request naming no device;
 * a malformed id is {@code 400 validation_failed}.
 */
final class ReaderDevice {
    static final String HEADER = "X-Device-Id";

    private ReaderDevice() {}

    static Optional<DeviceId> of(ContainerRequestContext context, ListDevices devices) {
        String named = context.getHeaderString(HEADER);
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        var own = devices.own(Caller.of(context).id(), named.trim());
        if (own instanceof Outcome.Success<DeviceId> ok) {
            return Optional.of(ok.value());
        }
        if (((Outcome.Failure<DeviceId>) own).code() == ErrorCode.VALIDATION_FAILED) {
            throw new JsonFields.BadField(HEADER + " must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        return Optional.empty();
    }
}
