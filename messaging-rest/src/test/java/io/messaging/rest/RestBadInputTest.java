package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Stores;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad input of every kind gets a problem with a stable code, never a 500, and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestBadInputTest {
    private final RestServer server = new RestServer();
    private final RestServer.Account alice = server.account(RestServer.unique("alice"));
    private final RestServer.Account bob = server.account(RestServer.unique("bob"));
    private final String conversation =
            server.sendDirect(alice, bob, "first").get("conversationId").asText();
    private final String message = server.get("/conversations/" + conversation + "/messages", alice.token())
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asText();

    @AfterAll
    void stop() {
        server.close();
    }

    private void assertProblem(int status, RestServer.Reply reply, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.text());
        assertTrue(reply.contentType().startsWith("application/problem+json"), what);
        var body = reply.json();
        assertEquals(status, body.get("status").asInt(), what);
        assertFalse(body.get("code").asText().isEmpty(), what);
        assertFalse(reply.text().contains("Exception"), what + " leaks internals: " + reply.text());
        assertFalse(reply.text().contains("\tat "), what);
    }

    private RestServer.Reply postMessage(String json) {
        return server.call("POST", "/messages", alice.token(), json);
    }

    @Test
    void everyBodyRouteRefusesMalformedMissingAndMistypedInput() {
        record Route(String method, String path, String token) {}
        var routes = List.of(
                new Route("POST", "/auth/register", null),
                new Route("POST", "/auth/login", null),
                new Route("POST", "/auth/activate", null),
                new Route("POST", "/auth/password", alice.token()),
                new Route("POST", "/auth/password-reset/request", null),
                new Route("POST", "/auth/password-reset/confirm", null),
                new Route("POST", "/messages", alice.token()),
                new Route("PATCH", "/messages/" + message, alice.token()),
                new Route("POST", "/conversations", alice.token()),
                new Route("POST", "/conversations/" + conversation + "/participants", alice.token()));
        for (Route route : routes) {
            for (String body : List.of(
                    "{not json",
                    "[]",
                    "\"text\"",
                    "{}",
                    "{\"username\":5,\"email\":[],"
                            + "\"password\":{},\"login\":1,\"token\":2,\"content\":3,\"title\":4,\"userIds\":\"x\","
                            + "\"participantIds\":7,\"currentPassword\":1,\"newPassword\":2,\"recipientId\":3}")) {
                assertProblem(400, server.call(route.method(), route.path(), route.token(), body), route + " " + body);
            }
            String huge = "{\"content\":\"" + "x".repeat(70_000) + "\"}";
            assertProblem(413, server.call(route.method(), route.path(), route.token(), huge), route + " huge");
        }
        assertProblem(
                400, server.call("PATCH", "/conversations/" + conversation + "/read", alice.token(), "{bad"), "read");
    }

    @Test
    void oversizedAndInvalidFieldsAreValidationFailures() {
        assertProblem(
                400,
                postMessage("{\"conversationId\":\"" + conversation + "\",\"content\":\"" + "x".repeat(10_001) + "\"}"),
                "content too long");
        assertProblem(
                400,
                postMessage("{\"conversationId\":\"" + conversation + "\",\"recipientId\":\"" + bob.id()
                        + "\",\"content\":\"both\"}"),
                "both targets");
        assertProblem(
                400,
                postMessage("{\"conversationId\":\"" + conversation + "\",\"content\":\"x\",\"type\":\"video\"}"),
                "unknown type");
        assertProblem(400, postMessage("{\"conversationId\":\"bad id!\"," + "\"content\":\"x\"}"), "malformed id");
        assertProblem(
                400,
                server.call(
                        "POST",
                        "/conversations",
                        alice.token(),
                        "{\"title\":\"" + "t".repeat(101) + "\",\"participantIds\":[]}"),
                "title too long");
        assertProblem(
                400,
                server.call(
                        "POST",
                        "/auth/register",
                        null,
                        "{\"username\":\"" + "u".repeat(33)
                                + "\",\"email\":\"u@example.com\",\"password\":\"password1\"}"),
                "username too long");
        assertProblem(
                400, server.get("/conversations/" + conversation + "/messages?limit=ten", alice.token()), "limit");
        assertProblem(
                400, server.get("/conversations/" + conversation + "/messages?before=xyz", alice.token()), "cursor");
        assertProblem(400, server.get("/conversations/" + conversation + "/messages?after=-1", alice.token()), "after");
        assertProblem(400, server.get("/messages/search?q=", alice.token()), "empty search");

        var history = server.get("/conversations/" + conversation + "/messages", alice.token())
                .json();
        assertEquals(1, history.get("items").size(), "nothing was stored by bad requests");
        assertEquals("first", history.get("items").get(0).get("content").asText());
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypesAreProblems() {
        assertProblem(404, server.get("/nowhere", alice.token()), "unknown route");
        assertProblem(405, server.call("PUT", "/users/me", alice.token(), "{}"), "wrong method");
        assertProblem(
                415,
                server.send(
                        "POST",
                        "/attachments",
                        alice.token(),
                        "application/x-msdownload",
                        HttpRequest.BodyPublishers.ofString("MZ")),
                "attachment type");
        assertProblem(404, server.get("/attachments/none", alice.token()), "unknown attachment");
        assertProblem(
                415,
                server.send(
                        "POST",
                        "/messages",
                        alice.token(),
                        "text/plain",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"conversationId\":\"" + conversation + "\",\"content\":\"x\"}")),
                "JSON route with another media type");
    }

    @Test
    void aStoreThatFailsIsAnsweredUnavailableWithRetryAfterNeverA500() {
        Stores memory = InMemoryStores.create();
        Attachments failing = new Attachments() {
            @Override
            public StoreOutcome store(NewAttachment attachment, InputStream content, long maxBytes) {
                throw new StoreException("the disk is full");
            }

            @Override
            public Optional<AttachmentMeta> find(AttachmentId id) {
                throw new StoreException("the disk is full");
            }

            @Override
            public Optional<InputStream> open(AttachmentId id, long offset) {
                throw new StoreException("the disk is full");
            }
        };
        try (var broken = new RestServer(
                builder -> builder.stores(new Stores(
                        memory.users(),
                        memory.conversations(),
                        memory.messages(),
                        memory.readReceipts(),
                        failing,
                        memory.oneTimeTokens(),
                        memory.pushSubscriptions(),
                        memory.pushQueue(),
                        memory.devices())),
                settings -> settings)) {
            var carol = broken.account("carol");
            var reply = broken.send(
                    "POST",
                    "/attachments",
                    carol.token(),
                    "image/png",
                    HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
            assertProblem(503, reply, "an upload while the store fails");
            assertEquals("unavailable", reply.json().get("code").asText());
            assertEquals(Optional.of("1"), reply.headers().firstValue("Retry-After"));
            assertFalse(reply.text().contains("disk"), "the store's own message stays in the log");
        }
    }
}
