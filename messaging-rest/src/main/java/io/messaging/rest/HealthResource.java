package io.messaging.rest;

import io.messaging.wire.WireJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;

/** Liveness and readiness: up while the store answers. */
@Path("health")
public final class HealthResource {
    private final BooleanSupplier storeHealthy;

    HealthResource(BooleanSupplier storeHealthy) {
        this.storeHealthy = storeHealthy;
    }

    @GET
    public Response health() {
        boolean up;
        try {
            up = storeHealthy.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        var body = WireJson.MAPPER.createObjectNode().put("status", up ? "ok" : "down");
        body.putObject("checks").put("store", up ? "up" : "down");
        return Replies.json(up ? 200 : 503, body);
    }
}
