package io.messaging.core.port.violation;

import io.messaging.core.service.AttachmentPolicy;

/** Breaks the port rule on purpose: a port that reaches into a service. */
public interface PortUsingAService {
    default long maxUpload() {
        return AttachmentPolicy.DEFAULT.maxBytes();
    }
}
