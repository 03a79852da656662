package io.messaging.rest;

import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.CancelScheduledMessage;
import io.messaging.core.port.in.EditScheduledMessage;
import io.messaging.core.port.in.ListScheduledMessages;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.wire.JsonFields;
import io.messaging.wire.ScheduleMessageRequest;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;

/** The caller's own scheduled messages: schedule, list, edit, cancel. No one else's is ever found. */
@Path("scheduled-messages")
public final class ScheduledMessageResource {
    private final InPorts core;
    private final Bodies bodies;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            ScheduleMessage scheduleMessage,
            ListScheduledMessages listScheduledMessages,
            EditScheduledMessage editScheduledMessage,
            CancelScheduledMessage cancelScheduledMessage) {}

    ScheduledMessageResource(InPorts core, Bodies bodies) {
        this.core = core;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response schedule(@Context ContainerRequestContext context, InputStream body) {
        UserId me = Caller.of(context).id();
        var command = ScheduleMessageRequest.parse(bodies.read(body).node(), me);
        return Replies.respond(
                command.flatMap(core.scheduleMessage()::schedule),
                done -> Replies.json(done.duplicate() ? 200 : 201, WireJson.scheduledMessage(done.scheduled())));
    }

    @GET
    public Response list(@Context ContainerRequestContext context, @QueryParam("status") String status) {
        return Replies.of(
                core.listScheduledMessages().list(Caller.of(context).id(), statuses(status)),
                200,
                items -> WireJson.items(items, WireJson::scheduledMessage));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response edit(@Context ContainerRequestContext context, @PathParam("id") String id, InputStream body) {
        JsonFields fields = bodies.read(body);
        return Replies.of(
                core.editScheduledMessage()
                        .edit(
                                Caller.of(context).id(),
                                scheduledId(id),
                                fields.optionalText("content"),
                                fields.optionalInstant("sendAt")),
                200,
                WireJson::scheduledMessage);
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return Replies.noContent(
                core.cancelScheduledMessage().cancel(Caller.of(context).id(), scheduledId(id)));
    }

    private static Set<ScheduledStatus> statuses(String raw) {
        if (raw == null || raw.isBlank()) {
            return EnumSet.of(ScheduledStatus.SCHEDULED);
        }
        if (raw.trim().equals("all")) {
            return EnumSet.allOf(ScheduledStatus.class);
        }
        return ScheduledStatus.fromWire(raw.trim())
                .map(EnumSet::of)
                .orElseThrow(() -> new JsonFields.BadField("status must be scheduled, sent, failed, cancelled or all"));
    }

    private static ScheduledMessageId scheduledId(String raw) {
        try {
            return ScheduledMessageId.of(raw);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problems.of(404, "not_found", "scheduled message not found"));
        }
    }
}
