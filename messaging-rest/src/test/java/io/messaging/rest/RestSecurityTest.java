package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Token attacks and the authorization matrix: outsiders learn nothing, non-senders change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestSecurityTest {
    private final RestServer server = new RestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    private static String sign(JwtClaims claims, String algorithm, byte[] key) throws Exception {
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(new HmacKey(key));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static JwtClaims claims(String subject, long expiresInSeconds) {
        var claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        return claims;
    }

    @Test
    void refusesEveryBadToken() throws Exception {
        var user = server.account(RestServer.unique("tok"));
        byte[] secret = RestServer.SECRET.getBytes(StandardCharsets.UTF_8);
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims(user.id(), 3600).toJson().getBytes(StandardCharsets.UTF_8));
        List<String> attacks = new ArrayList<>(List.of(
                "garbage",
                "a.b.c",
                header + "." + payload + ".",
                sign(claims(user.id(), -3600), AlgorithmIdentifiers.HMAC_SHA256, secret),
                sign(
                        claims(user.id(), 3600),
                        AlgorithmIdentifiers.HMAC_SHA256,
                        "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)),
                sign(
                        claims(user.id(), 3600),
                        AlgorithmIdentifiers.HMAC_SHA512,
                        (RestServer.SECRET + RestServer.SECRET).getBytes(StandardCharsets.UTF_8)),
                sign(claims("someone-else", 3600), AlgorithmIdentifiers.HMAC_SHA256, secret)));
        for (String token : attacks) {
            var reply = server.get("/users/me", token);
            assertEquals(401, reply.status(), token);
            assertEquals("unauthorized", reply.json().get("code").asText());
            assertTrue(reply.contentType().startsWith("application/problem+json"));
            assertEquals(
                    "Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertEquals(401, server.get("/users/me", null).status());
        assertEquals(
                401, server.call("GET", "/messages/conversations", "", null).status());
        assertEquals(
                200,
                server.get("/users/me", sign(claims(user.id(), 3600), AlgorithmIdentifiers.HMAC_SHA256, secret))
                        .status());
    }

    @Test
    void anOutsiderGetsNotFoundForEveryConversationRouteAndMessage() {
        var alice = server.account(RestServer.unique("ali"));
        var bob = server.account(RestServer.unique("bob"));
        var eve = server.account(RestServer.unique("eve"));
        var message = server.sendDirect(alice, bob, "secret");
        String c = message.get("conversationId").asText();
        String m = message.get("id").asText();
        var upload = server.send(
                        "POST",
                        "/attachments",
                        alice.token(),
                        "text/plain",
                        HttpRequest.BodyPublishers.ofString("file"))
                .json()
                .get("id")
                .asText();
        server.call(
                "POST",
                "/messages",
                alice.token(),
                "{\"conversationId\":\"" + c + "\",\"type\":\"file\",\"attachments\":[{\"id\":\"" + upload + "\"}]}");

        record Attempt(String method, String path, String body) {}
        List<Attempt> attempts = List.of(
                new Attempt("GET", "/conversations/" + c, null),
                new Attempt("GET", "/conversations/" + c + "/messages", null),
                new Attempt("GET", "/conversations/" + c + "/messages?after=0", null),
                new Attempt("POST", "/messages", "{\"conversationId\":\"" + c + "\",\"content\":\"hi\"}"),
                new Attempt("PATCH", "/conversations/" + c + "/read", "{}"),
                new Attempt("PATCH", "/messages/" + m + "/read", null),
                new Attempt("PUT", "/messages/" + m + "/reactions/x", null),
                new Attempt("DELETE", "/messages/" + m + "/reactions/x", null),
                new Attempt("PATCH", "/messages/" + m, "{\"content\":\"mine\"}"),
                new Attempt("DELETE", "/messages/" + m, null),
                new Attempt("POST", "/conversations/" + c + "/participants", "{\"userIds\":[\"" + eve.id() + "\"]}"),
                new Attempt("DELETE", "/conversations/" + c + "/participants/" + alice.id(), null),
                new Attempt("GET", "/messages/search?q=secret&conversationId=" + c, null),
                new Attempt("GET", "/attachments/" + upload, null),
                new Attempt("GET", "/conversations/does-not-exist", null),
                new Attempt("GET", "/conversations/bad%20id", null));
        for (Attempt attempt : attempts) {
            var reply = server.call(attempt.method(), attempt.path(), eve.token(), attempt.body());
            assertEquals(404, reply.status(), attempt.toString());
            assertEquals("not_found", reply.json().get("code").asText(), attempt.toString());
        }
        assertEquals(
                0,
                server.get("/messages/search?q=secret", eve.token())
                        .json()
                        .get("items")
                        .size());
        var history = server.get("/conversations/" + c + "/messages", alice.token())
                .json()
                .get("items");
        assertEquals(2, history.size(), "the outsider changed nothing");
        assertEquals("secret", history.get(1).get("content").asText());
        assertEquals(0, history.get(1).get("readBy").size());
        assertEquals(0, history.get(1).get("reactions").size());
    }

    @Test
    void aParticipantWhoIsNotTheSenderIsForbiddenToEditOrDelete() {
        var alice = server.account(RestServer.unique("ali"));
        var bob = server.account(RestServer.unique("bob"));
        String m = server.sendDirect(alice, bob, "mine").get("id").asText();
        assertEquals(
                "forbidden",
                server.call("PATCH", "/messages/" + m, bob.token(), "{\"content\":\"x\"}")
                        .json()
                        .get("code")
                        .asText());
        assertEquals(
                403, server.call("DELETE", "/messages/" + m, bob.token(), null).status());
    }

    @Test
    void rateLimitsLoginWithRetryAfter() {
        try (var strict = new RestServer(
                core -> core,
                settings -> settings.withRateLimits(
                        new RestSettings.RateLimits(3, 100, 100, 100, 100, Duration.ofMinutes(1))))) {
            strict.account(RestServer.unique("rl"));
            int limited = 0;
            for (int i = 0; i < 5; i++) {
                var reply = strict.login("x", "wrong-pass");
                if (reply.status() == 429) {
                    limited++;
                    assertEquals("rate_limited", reply.json().get("code").asText());
                    assertTrue(Integer.parseInt(
                                    reply.headers().firstValue("Retry-After").orElse("0"))
                            > 0);
                }
            }
            assertEquals(3, limited, "one login of account() and two attempts pass, then the address is limited");
        }
    }

    @Test
    void allowsTheClientOriginOnly() {
        var preflight = server.withHeaders(
                "OPTIONS",
                "/messages",
                "Origin",
                "http://client.example",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "authorization");
        assertEquals(204, preflight.status());
        assertEquals(
                "http://client.example",
                preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElse("")
                .contains("Authorization"));
        assertTrue(preflight
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElse("")
                .contains("X-Device-Id"));
        var foreign = server.withHeaders("GET", "/health", "Origin", "http://evil.example");
        assertEquals(200, foreign.status());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        var allowed = server.withHeaders("GET", "/health", "Origin", "http://client.example");
        assertEquals(
                "http://client.example",
                allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
