package io.messaging.rest;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.Message;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.CountUnread;
import io.messaging.core.port.in.DeleteMessage;
import io.messaging.core.port.in.EditMessage;
import io.messaging.core.port.in.FindDirectConversation;
import io.messaging.core.port.in.ListConversations;
import io.messaging.core.port.in.ListDevices;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.MarkRead;
import io.messaging.core.port.in.ReactToMessage;
import io.messaging.core.port.in.SearchMessages;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.ViewUser;
import io.messaging.wire.SendMessageRequest;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The original message routes: send, list, read, edit, delete, search, react. */
@Path("messages")
public final class MessageResource {
    private final InPorts core;
    private final Bodies bodies;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            ViewUser viewUser,
            SendMessage sendMessage,
            EditMessage editMessage,
            DeleteMessage deleteMessage,
            ReactToMessage reactToMessage,
            MarkRead markRead,
            CountUnread countUnread,
            ListHistory listHistory,
            SearchMessages searchMessages,
            ListConversations listConversations,
            FindDirectConversation findDirectConversation,
            ListDevices listDevices) {}

    MessageResource(InPorts core, Bodies bodies) {
        this.core = core;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@Context ContainerRequestContext context, InputStream body) {
        UserId me = Caller.of(context).id();
        var fields = bodies.read(body);
        var command = SendMessageRequest.parse(fields.node(), me, Optional.empty());
        var device = ReaderDevice.of(context, core.listDevices());
        return Replies.respond(
                command.flatMap(core.sendMessage()::send),
                sent -> Replies.json(sent.duplicate() ? 200 : 201, WireJson.message(sent.message(), device)));
    }

    @GET
    @Path("conversations")
    public Response conversations(
            @Context ContainerRequestContext context,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        UserId me = Caller.of(context).id();
        return Replies.of(
                core.listConversations().list(me, Params.limit(limit), Params.text(cursor)),
                200,
                page -> WireJson.page(page, WireJson::summary));
    }

    @GET
    @Path("conversation/{userId}")
    public Response directHistory(
            @Context ContainerRequestContext context,
            @PathParam("userId") String userId,
            @QueryParam("limit") String limit,
            @QueryParam("before") String before,
            @QueryParam("after") String after) {
        UserId me = Caller.of(context).id();
        UserId other = Params.userId(userId);
        var otherUser = core.viewUser().view(me, other);
        if (!otherUser.isOk()) {
            return Replies.respond(otherUser, ignored -> null);
        }
        var direct = core.findDirectConversation().find(me, other);
        if (!direct.isOk()) {
            return Replies.json(200, WireJson.page(new Page<Message>(List.of(), Optional.empty()), WireJson::message));
        }
        var query = new ListHistory.Query(
                me, direct.orElseThrow().id(), Params.limit(limit), Params.text(before), Params.seq(after, "after"));
        var device = ReaderDevice.of(context, core.listDevices());
        return Replies.of(
                core.listHistory().list(query),
                200,
                page -> WireJson.page(page, message -> WireJson.message(message, device)));
    }

    @GET
    @Path("unread-count")
    public Response unreadCount(@Context ContainerRequestContext context) {
        return Replies.of(core.countUnread().count(Caller.of(context).id()), 200, WireJson::unreadCounts);
    }

    @PATCH
    @Path("{messageId}/read")
    public Response markOne(@Context ContainerRequestContext context, @PathParam("messageId") String messageId) {
        var id = Params.messageId(messageId);
        return Replies.of(
                core.markRead().markMessages(Caller.of(context).id(), List.of(id)),
                200,
                results -> WireJson.MAPPER
                        .createObjectNode()
                        .put("messageId", id.value())
                        .put("conversationId", results.get(0).conversationId().value())
                        .put("readAt", WireJson.timestamp(results.get(0).readAt())));
    }

    @PATCH
    @Path("conversation/{userId}/read")
    public Response markDirect(@Context ContainerRequestContext context, @PathParam("userId") String userId) {
        UserId me = Caller.of(context).id();
        Outcome<Conversation> direct = core.findDirectConversation().find(me, Params.userId(userId));
        return Replies.of(
                direct.flatMap(
                        conversation -> core.markRead().markConversation(me, conversation.id(), Optional.empty())),
                200,
                WireJson::readResult);
    }

    @PATCH
    @Path("{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response edit(
            @Context ContainerRequestContext context, @PathParam("messageId") String messageId, InputStream body) {
        var id = Params.messageId(messageId);
        String content = bodies.read(body).text("content");
        var device = ReaderDevice.of(context, core.listDevices());
        return Replies.of(
                core.editMessage().edit(Caller.of(context).id(), id, content),
                200,
                message -> WireJson.message(message, device));
    }

    @DELETE
    @Path("{messageId}")
    public Response delete(@Context ContainerRequestContext context, @PathParam("messageId") String messageId) {
        return Replies.noContent(core.deleteMessage().delete(Caller.of(context).id(), Params.messageId(messageId)));
    }

    @GET
    @Path("search")
    public Response search(
            @Context ContainerRequestContext context,
            @QueryParam("q") String q,
            @QueryParam("conversationId") String conversationId,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var scope = Params.text(conversationId).map(Params::conversationId);
        var query = new SearchMessages.Query(
                Caller.of(context).id(), q == null ? "" : q, scope, Params.limit(limit), Params.text(cursor));
        return Replies.of(core.searchMessages().search(query), 200, page -> WireJson.page(page, WireJson::message));
    }

    @PUT
    @Path("{messageId}/reactions/{emoji}")
    public Response react(
            @Context ContainerRequestContext context,
            @PathParam("messageId") String messageId,
            @PathParam("emoji") String emoji) {
        return reaction(context, messageId, emoji, true);
    }

    @DELETE
    @Path("{messageId}/reactions/{emoji}")
    public Response unreact(
            @Context ContainerRequestContext context,
            @PathParam("messageId") String messageId,
            @PathParam("emoji") String emoji) {
        return reaction(context, messageId, emoji, false);
    }

    private Response reaction(ContainerRequestContext context, String messageId, String emoji, boolean present) {
        var device = ReaderDevice.of(context, core.listDevices());
        return Replies.of(
                core.reactToMessage().react(Caller.of(context).id(), Params.messageId(messageId), emoji, present),
                200,
                message -> WireJson.message(message, device));
    }
}
