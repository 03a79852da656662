package io.messaging.rest;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Outcome;
import io.messaging.core.port.in.ListDevices;
import io.messaging.wire.JsonFields;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * The device a request speaks for, from its {@code X-Device-Id} header: it must be one of the caller's own devices
 * ({@code 400 validation_failed} otherwise), and only its envelopes of encrypted messages are answered.
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
        throw new JsonFields.BadField(HEADER + " must name one of your registered devices");
    }
}
