package io.messaging.sqlite.violation;

import io.messaging.app.ServerConfig;
import io.messaging.rest.violation.RestHelper;

/** Breaks the adapter and app rules on purpose: a store adapter calling the REST adapter and the wiring. */
public class AdapterCallingRest {
    public String call(ServerConfig config) {
        return RestHelper.help() + config.port();
    }
}
