package io.messaging.core.port.violation;

import io.messaging.core.service.Limits;

/** Breaks the port rule on purpose: a port that reaches into a service. */
public interface PortUsingAService {
    default int pageSize() {
        return Limits.clampPage(1000);
    }
}
