package io.messaging.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.port.in.ListPushSubscriptions;
import io.messaging.core.port.in.SubscribeToPush;
import io.messaging.core.port.in.UnsubscribeFromPush;
import io.messaging.wire.JsonFields;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Web Push: the server's VAPID key, and the caller's browser subscriptions. */
@Path("push")
public final class PushResource {
    private final InPorts core;
    private final Bodies bodies;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            SubscribeToPush subscribeToPush,
            ListPushSubscriptions listPushSubscriptions,
            UnsubscribeFromPush unsubscribeFromPush) {}

    PushResource(InPorts core, Bodies bodies) {
        this.core = core;
        this.bodies = bodies;
    }

    @GET
    @Path("vapid-public-key")
    public Response vapidPublicKey() {
        return core.subscribeToPush()
                .applicationServerKey()
                .map(key -> Replies.json(200, WireJson.MAPPER.createObjectNode().put("publicKey", key)))
                .orElseGet(() ->
                        Problems.of(ErrorCode.UNAVAILABLE, "push notifications are not configured on this server"));
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@Context ContainerRequestContext context, InputStream body) {
        JsonFields fields = bodies.read(body);
        JsonNode keys = fields.node().get("keys");
        if (keys == null || !keys.isObject()) {
            throw new JsonFields.BadField("keys must be an object with p256dh and auth");
        }
        JsonFields keyFields = JsonFields.of(keys);
        var command = new SubscribeToPush.Command(
                Caller.of(context).id(), fields.text("endpoint"), keyFields.text("p256dh"), keyFields.text("auth"));
        return Replies.respond(
                core.subscribeToPush().subscribe(command),
                subscribed -> Replies.json(subscribed.created() ? 201 : 200, subscription(subscribed.subscription())));
    }

    @GET
    @Path("subscriptions")
    public Response list(@Context ContainerRequestContext context) {
        return Replies.of(
                core.listPushSubscriptions().list(Caller.of(context).id()),
                200,
                subscriptions -> WireJson.items(subscriptions, PushResource::subscription));
    }

    @DELETE
    @Path("subscriptions/{id}")
    public Response unsubscribe(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return Replies.noContent(
                core.unsubscribeFromPush().unsubscribe(Caller.of(context).id(), Params.pushSubscriptionId(id)));
    }

    /** A subscription as its owner sees it: never its keys. */
    private static ObjectNode subscription(PushSubscription subscription) {
        return WireJson.MAPPER
                .createObjectNode()
                .put("id", subscription.id().value())
                .put("endpoint", subscription.endpoint())
                .put("createdAt", WireJson.timestamp(subscription.createdAt()));
    }
}
