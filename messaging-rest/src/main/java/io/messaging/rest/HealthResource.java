package io.messaging.rest;

import io.messaging.wire.WireJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness: up while the store answers. With several nodes it also says whether Redis answers; a
 * node without Redis still serves its own sockets, so that alone does not make it down.
 */
@Path("health")
public final class HealthResource {
    private final BooleanSupplier storeHealthy;
    private final Optional<BooleanSupplier> redisHealthy;

    HealthResource(BooleanSupplier storeHealthy, Optional<BooleanSupplier> redisHealthy) {
        this.storeHealthy = storeHealthy;
        this.redisHealthy = redisHealthy;
    }

    private static boolean probe(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @GET
    public Response health() {
        boolean up = probe(storeHealthy);
        var body = WireJson.MAPPER.createObjectNode().put("status", up ? "ok" : "down");
        var checks = body.putObject("checks").put("store", up ? "up" : "down");
        redisHealthy.ifPresent(redis -> checks.put("redis", probe(redis) ? "up" : "down"));
        return Replies.json(up ? 200 : 503, body);
    }
}
