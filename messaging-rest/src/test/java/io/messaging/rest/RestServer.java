package io.messaging.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.core.Messaging;
import io.messaging.core.memory.RecordingMailer;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.service.AttachmentPolicy;
import io.messaging.security.JwtTokens;
import io.messaging.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/** The REST API on a real Grizzly server on an ephemeral port, with an HTTP/1.1 client to call it. */
final class RestServer implements AutoCloseable {
    static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";

    final RecordingMailer mailer = new RecordingMailer();
    final Messaging core;
    final JwtTokens tokens = new JwtTokens(SECRET, Duration.ofHours(1));
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final String base;

    RestServer() {
        this(builder -> builder, settings -> settings);
    }

    RestServer(UnaryOperator<Messaging.Builder> coreOptions, UnaryOperator<RestSettings> restOptions) {
        core = coreOptions
                .apply(Messaging.builder()
                        .passwordHasher(new Pbkdf2PasswordHasher(1))
                        .tokenIssuer(tokens)
                        .mailer(mailer)
                        .attachmentPolicy(
                                new AttachmentPolicy(64 * 1024, List.of("image/*", "application/pdf", "text/plain"))))
                .build();
        var settings = restOptions.apply(RestSettings.defaults()
                .withAllowedOrigin("http://client.example")
                .withRateLimits(new RestSettings.RateLimits(1000, 1000, 1000, 1000, 1000, Duration.ofMinutes(1))));
        server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://127.0.0.1:0/api/"), RestApi.resourceConfig(core, settings, 64 * 1024), true);
        base = "http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/api";
    }

    /** An answer: status, headers and the body as JSON (or null when empty or not JSON). */
    record Reply(int status, HttpHeaders headers, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? null : WireJson.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    Reply send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    Reply withHeaders(String method, String path, String... headers) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .headers(headers)
                .build());
    }

    private Reply exchange(HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    Reply call(String method, String path, String token, String json) {
        return send(
                method,
                path,
                token,
                json == null ? null : "application/json",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** A registered, logged-in user. */
    record Account(String id, String username, String token) {}

    Account account(String username) {
        var registered = call(
                "POST",
                "/auth/register",
                null,
                "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\",\"password\":\"password-"
                        + username + "\"}");
        if (registered.status() != 201) {
            throw new AssertionError("register " + username + ": " + registered);
        }
        var login = login(username, "password-" + username);
        return new Account(
                registered.json().get("id").asText(),
                username,
                login.json().get("token").asText());
    }

    /** Sends {@code content} from one user to another in their direct conversation; answers the stored message. */
    JsonNode sendDirect(Account from, Account to, String content) {
        var sent = call(
                "POST",
                "/messages",
                from.token(),
                "{\"recipientId\":\"" + to.id() + "\",\"content\":\"" + content + "\"}");
        if (sent.status() != 201) {
            throw new AssertionError("send to " + to.username() + ": " + sent);
        }
        return sent.json();
    }

    /** {@code POST /auth/login} with a username or email and a password. */
    Reply login(String login, String password) {
        return call("POST", "/auth/login", null, "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
    }

    /** The token of a fresh login, which must succeed. */
    String token(String login, String password) {
        var reply = login(login, password);
        if (reply.status() != 200) {
            throw new AssertionError("login " + login + ": " + reply);
        }
        return reply.json().get("token").asText();
    }

    /** Asks for a password reset of the user's account; answers the token of the mail that was sent. */
    String passwordResetToken(Account user) {
        String email = user.username() + "@example.com";
        var requested = call("POST", "/auth/password-reset/request", null, "{\"email\":\"" + email + "\"}");
        if (requested.status() != 202) {
            throw new AssertionError("password reset of " + email + ": " + requested);
        }
        return mailer.last("password-reset", email).orElseThrow().token();
    }

    /** {@code POST /auth/password-reset/confirm}: a new password with the token of a reset mail. */
    Reply confirmPasswordReset(String token, String password) {
        return call(
                "POST",
                "/auth/password-reset/confirm",
                null,
                "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
