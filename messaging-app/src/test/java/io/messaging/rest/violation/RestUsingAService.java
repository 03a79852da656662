package io.messaging.rest.violation;

import io.messaging.core.service.AttachmentPolicy;

/** Breaks the inbound adapter rule on purpose: a REST class reading a service's settings instead of an in-port. */
public class RestUsingAService {
    public long maxUpload() {
        return AttachmentPolicy.DEFAULT.maxBytes();
    }
}
