package io.messaging.rest;

import io.messaging.core.port.in.ClaimPreKeys;
import io.messaging.core.port.in.ListDevices;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** Another user's devices in the key directory, and their prekey bundles for starting an encrypted session. */
@Path("users/{userId}/devices")
public final class UserDeviceResource {
    private final InPorts core;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(ListDevices listDevices, ClaimPreKeys claimPreKeys) {}

    UserDeviceResource(InPorts core) {
        this.core = core;
    }

    @GET
    public Response list(@Context ContainerRequestContext context, @PathParam("userId") String userId) {
        return Replies.of(
                core.listDevices().list(Caller.of(context).id(), Params.userId(userId)),
                200,
                devices -> WireJson.items(devices, WireJson::device));
    }

    @POST
    @Path("{deviceId}/claim")
    public Response claim(
            @Context ContainerRequestContext context,
            @PathParam("userId") String userId,
            @PathParam("deviceId") String deviceId) {
        return Replies.of(
                core.claimPreKeys().claim(Caller.of(context).id(), Params.userId(userId), Params.deviceId(deviceId)),
                200,
                WireJson::preKeyBundle);
    }
}
