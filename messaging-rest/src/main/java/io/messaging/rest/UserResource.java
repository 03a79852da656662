package io.messaging.rest;

import io.messaging.core.model.User;
import io.messaging.core.port.in.SearchUsers;
import io.messaging.core.port.in.ViewUser;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** The signed-in user, user search and profiles. */
@Path("users")
public final class UserResource {
    private final InPorts core;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(ViewUser viewUser, SearchUsers searchUsers) {}

    UserResource(InPorts core) {
        this.core = core;
    }

    @GET
    @Path("me")
    public Response me(@Context ContainerRequestContext context) {
        return Replies.json(200, WireJson.user(Caller.of(context), true));
    }

    @GET
    public Response search(
            @Context ContainerRequestContext context,
            @QueryParam("query") String query,
            @QueryParam("limit") String limit) {
        User me = Caller.of(context);
        return Replies.of(
                core.searchUsers().search(me.id(), query == null ? "" : query, Params.limit(limit)),
                200,
                users -> WireJson.items(users, user -> WireJson.user(user, false)));
    }

    @GET
    @Path("{id}")
    public Response byId(@Context ContainerRequestContext context, @PathParam("id") String id) {
        User me = Caller.of(context);
        return Replies.of(
                core.viewUser().view(me.id(), Params.userId(id)),
                200,
                user -> WireJson.user(user, user.id().equals(me.id())));
    }
}
