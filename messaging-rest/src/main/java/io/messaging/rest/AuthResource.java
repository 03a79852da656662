package io.messaging.rest;

import io.messaging.core.model.ErrorCode;
import io.messaging.core.port.in.ActivateAccount;
import io.messaging.core.port.in.ChangePassword;
import io.messaging.core.port.in.LimitAttempts;
import io.messaging.core.port.in.LogIn;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.RequestPasswordReset;
import io.messaging.core.port.in.ResetPassword;
import io.messaging.wire.JsonFields;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.glassfish.grizzly.http.server.Request;

/** Registration, login, activation and passwords. */
@Path("auth")
public final class AuthResource {
    private final InPorts core;
    private final Bodies bodies;
    private final ClientAddress clientAddress;
    private final RateLimiter loginPerAddress;
    private final RateLimiter loginPerAccount;
    private final RateLimiter registerPerAddress;
    private final RateLimiter resetPerAddress;
    private final RateLimiter resetPerAccount;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            RegisterUser registerUser,
            ActivateAccount activateAccount,
            LogIn logIn,
            ChangePassword changePassword,
            RequestPasswordReset requestPasswordReset,
            ResetPassword resetPassword,
            LimitAttempts limitAttempts) {}

    AuthResource(InPorts core, Bodies bodies, ClientAddress clientAddress, RestSettings.RateLimits limits) {
        this.core = core;
        this.bodies = bodies;
        this.clientAddress = clientAddress;
        var attempts = core.limitAttempts();
        this.loginPerAddress = new RateLimiter(attempts, "login-address", limits.loginPerAddress(), limits.window());
        this.loginPerAccount = new RateLimiter(attempts, "login-account", limits.loginPerAccount(), limits.window());
        this.registerPerAddress =
                new RateLimiter(attempts, "register-address", limits.registerPerAddress(), limits.window());
        this.resetPerAddress = new RateLimiter(attempts, "reset-address", limits.resetPerAddress(), limits.window());
        this.resetPerAccount = new RateLimiter(attempts, "reset-account", limits.resetPerAccount(), limits.window());
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Context Request request, InputStream body) {
        JsonFields fields = bodies.read(body);
        return limited(registerPerAddress, clientAddress.of(request)).orElseGet(() -> {
            var command = new RegisterUser.Command(
                    fields.text("username"),
                    fields.text("email"),
                    fields.text("password"),
                    fields.optionalText("displayName"));
            return Replies.of(core.registerUser().register(command), 201, user -> WireJson.user(user, true));
        });
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(@Context Request request, InputStream body) {
        JsonFields fields = bodies.read(body);
        String login = fields.text("login");
        String password = fields.text("password");
        return limited(loginPerAddress, clientAddress.of(request))
                .or(() -> limited(loginPerAccount, login.trim().toLowerCase(Locale.ROOT)))
                .orElseGet(() -> Replies.of(
                        core.logIn().logIn(new LogIn.Command(login, password)),
                        200,
                        signedIn -> WireJson.MAPPER
                                .createObjectNode()
                                .put("token", signedIn.token())
                                .put("tokenType", "Bearer")
                                .put("expiresIn", signedIn.expiresInSeconds())
                                .set("user", WireJson.user(signedIn.user(), true))));
    }

    @POST
    @Path("activate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activate(InputStream body) {
        String token = bodies.read(body).text("token");
        return Replies.of(core.activateAccount().activate(token), 200, user -> WireJson.user(user, true));
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Context ContainerRequestContext context, InputStream body) {
        JsonFields fields = bodies.read(body);
        var command = new ChangePassword.Command(
                Caller.of(context).id(), fields.text("currentPassword"), fields.text("newPassword"));
        return Replies.of(core.changePassword().change(command), 200, user -> WireJson.user(user, true));
    }

    @POST
    @Path("password-reset/request")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestReset(@Context Request request, InputStream body) {
        String email = bodies.read(body).text("email");
        return limited(resetPerAddress, clientAddress.of(request))
                .or(() -> limited(resetPerAccount, email.trim().toLowerCase(Locale.ROOT)))
                .orElseGet(() -> Replies.of(
                        core.requestPasswordReset().request(email), 202, done -> WireJson.MAPPER.createObjectNode()));
    }

    @POST
    @Path("password-reset/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirmReset(InputStream body) {
        JsonFields fields = bodies.read(body);
        var command = new ResetPassword.Command(fields.text("token"), fields.text("password"));
        return Replies.of(core.resetPassword().reset(command), 200, user -> WireJson.user(user, true));
    }

    private static Optional<Response> limited(RateLimiter limiter, String key) {
        return limiter.acquire(key).map(AuthResource::tooMany);
    }

    private static Response tooMany(Duration retryAfter) {
        var problem = Problems.of(ErrorCode.RATE_LIMITED, "too many attempts, retry later");
        return Response.fromResponse(problem)
                .header("Retry-After", Math.max(1, (retryAfter.toMillis() + 999) / 1000))
                .build();
    }
}
