package io.messaging.rest;

import io.messaging.wire.WireJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** What a client needs to know before signing in: which optional services this server has. */
@Path("config")
public final class ConfigResource {
    private final ClientConfig config;

    ConfigResource(ClientConfig config) {
        this.config = config;
    }

    @GET
    public Response config() {
        return Replies.json(
                200,
                WireJson.MAPPER.createObjectNode().put("mail", config.mail()).put("push", config.push()));
    }
}
