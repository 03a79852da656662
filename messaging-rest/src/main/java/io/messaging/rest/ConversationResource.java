package io.messaging.rest;

import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.AddParticipants;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.EncryptConversation;
import io.messaging.core.port.in.ListDevices;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.MarkRead;
import io.messaging.core.port.in.RemoveParticipant;
import io.messaging.core.port.in.ViewConversation;
import io.messaging.wire.JsonFields;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;

/** Group conversations and the history and participants of any conversation. */
@Path("conversations")
public final class ConversationResource {
    private final InPorts core;
    private final Bodies bodies;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            MarkRead markRead,
            ListHistory listHistory,
            ViewConversation viewConversation,
            CreateGroup createGroup,
            AddParticipants addParticipants,
            RemoveParticipant removeParticipant,
            EncryptConversation encryptConversation,
            ListDevices listDevices) {}

    ConversationResource(InPorts core, Bodies bodies) {
        this.core = core;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context ContainerRequestContext context, InputStream body) {
        JsonFields fields = bodies.read(body);
        var command = new CreateGroup.Command(
                Caller.of(context).id(),
                fields.text("title"),
                fields.userIds("participantIds"),
                fields.optionalBoolean("encrypted").orElse(false));
        return Replies.of(core.createGroup().create(command), 201, WireJson::conversation);
    }

    @GET
    @Path("{id}")
    public Response get(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return Replies.of(
                core.viewConversation().view(Caller.of(context).id(), Params.conversationId(id)),
                200,
                WireJson::conversation);
    }

    @GET
    @Path("{id}/messages")
    public Response messages(
            @Context ContainerRequestContext context,
            @PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("before") String before,
            @QueryParam("after") String after) {
        var query = new ListHistory.Query(
                Caller.of(context).id(),
                Params.conversationId(id),
                Params.limit(limit),
                Params.text(before),
                Params.seq(after, "after"));
        var device = ReaderDevice.of(context, core.listDevices());
        return Replies.of(
                core.listHistory().list(query),
                200,
                page -> WireJson.page(page, message -> WireJson.message(message, device)));
    }

    @POST
    @Path("{id}/encryption")
    public Response encrypt(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return Replies.of(
                core.encryptConversation().encrypt(Caller.of(context).id(), Params.conversationId(id)),
                200,
                WireJson::conversation);
    }

    @POST
    @Path("{id}/participants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addParticipants(
            @Context ContainerRequestContext context, @PathParam("id") String id, InputStream body) {
        var conversationId = Params.conversationId(id);
        var userIds = bodies.read(body).userIds("userIds");
        return Replies.of(
                core.addParticipants().add(Caller.of(context).id(), conversationId, userIds),
                200,
                WireJson::conversation);
    }

    @DELETE
    @Path("{id}/participants/{userId}")
    public Response removeParticipant(
            @Context ContainerRequestContext context, @PathParam("id") String id, @PathParam("userId") String userId) {
        var conversationId = Params.conversationId(id);
        UserId target = Params.userId(userId);
        return Replies.noContent(
                core.removeParticipant().remove(Caller.of(context).id(), conversationId, target));
    }

    @PATCH
    @Path("{id}/read")
    public Response markRead(@Context ContainerRequestContext context, @PathParam("id") String id, InputStream body) {
        var conversationId = Params.conversationId(id);
        Optional<MessageId> upTo =
                bodies.readOptional(body).flatMap(fields -> fields.optionalMessageId("upToMessageId"));
        return Replies.of(
                core.markRead().markConversation(Caller.of(context).id(), conversationId, upTo),
                200,
                WireJson::readResult);
    }
}
