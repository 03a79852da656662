package io.messaging.rest;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.port.in.RegisterDevice;
import io.messaging.core.port.in.RemoveDevice;
import io.messaging.core.port.in.UploadPreKeys;
import io.messaging.wire.JsonFields;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/** The caller's own devices in the key directory of end-to-end encryption: publish, top up, remove. */
@Path("devices")
public final class DeviceResource {
    private final InPorts core;
    private final Bodies bodies;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(RegisterDevice registerDevice, UploadPreKeys uploadPreKeys, RemoveDevice removeDevice) {}

    DeviceResource(InPorts core, Bodies bodies) {
        this.core = core;
        this.bodies = bodies;
    }

    @PUT
    @Path("{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(
            @Context ContainerRequestContext context, @PathParam("deviceId") String deviceId, InputStream body) {
        DeviceId id = newDeviceId(deviceId);
        JsonFields fields = bodies.read(body);
        JsonFields signed = fields.optionalObject("signedPreKey")
                .orElseThrow(() -> new JsonFields.BadField("signedPreKey is required"));
        var command = new RegisterDevice.Command(
                Caller.of(context).id(),
                id,
                fields.optionalText("name").orElse(""),
                fields.text("identityKey"),
                new SignedPreKey(
                        signed.integer("signedPreKey.keyId", "keyId"),
                        signed.text("publicKey"),
                        signed.text("signature")),
                oneTimePreKeys(fields));
        return Replies.of(core.registerDevice().register(command), 200, WireJson::device);
    }

    @POST
    @Path("{deviceId}/prekeys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(
            @Context ContainerRequestContext context, @PathParam("deviceId") String deviceId, InputStream body) {
        DeviceId id = Params.deviceId(deviceId);
        var keys = oneTimePreKeys(bodies.read(body));
        return Replies.of(
                core.uploadPreKeys().upload(Caller.of(context).id(), id, keys),
                200,
                remaining -> WireJson.MAPPER.createObjectNode().put("remaining", remaining));
    }

    @DELETE
    @Path("{deviceId}")
    public Response remove(@Context ContainerRequestContext context, @PathParam("deviceId") String deviceId) {
        return Replies.noContent(core.removeDevice().remove(Caller.of(context).id(), Params.deviceId(deviceId)));
    }

    /** A device id the client chooses for a new device: a malformed one is invalid, not unknown. */
    private static DeviceId newDeviceId(String raw) {
        try {
            return DeviceId.of(raw);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(
                    Problems.of(400, "validation_failed", "deviceId must be 1 to 64 characters of [A-Za-z0-9_-]"));
        }
    }

    private static List<OneTimePreKey> oneTimePreKeys(JsonFields fields) {
        return fields.objects("oneTimePreKeys").stream()
                .map(key -> new OneTimePreKey(key.integer("oneTimePreKeys.keyId", "keyId"), key.text("publicKey")))
                .toList();
    }
}
