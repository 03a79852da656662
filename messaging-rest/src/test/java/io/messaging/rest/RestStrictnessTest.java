package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.UserId;
import io.messaging.security.JwtTokens;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Strict input and the token lifecycle: JSON with trailing content, repeated keys or lone surrogates is refused by
 * name, a clientMessageId belongs to one conversation, expired tokens get no grace, a password change or reset
 * revokes earlier tokens, and uploads a browser could run as a page are only ever downloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestStrictnessTest {
    private final RestServer server = new RestServer();
    private final RestServer.Account alice = server.account(RestServer.unique("al"));
    private final RestServer.Account bob = server.account(RestServer.unique("bo"));

    @AfterAll
    void stop() {
        server.close();
    }

    private void assertMalformedJson(RestServer.Account sender, String body, String named) {
        var reply = server.call("POST", "/messages", sender.token(), body);
        assertEquals(400, reply.status(), body + ": " + reply.text());
        assertEquals("malformed_json", reply.json().get("code").asText(), body);
        assertTrue(reply.json().get("detail").asText().contains(named), reply.text());
    }

    @Test
    void jsonWithTrailingContentRepeatedKeysOrLoneSurrogatesIsRefusedAndNothingIsStored() {
        var sender = server.account(RestServer.unique("se"));
        String to = "\"recipientId\":\"" + bob.id() + "\",";
        assertMalformedJson(sender, "{" + to + "\"content\":\"a\"}xyz", "after its value");
        assertMalformedJson(sender, "{" + to + "\"content\":\"a\"} {}", "after its value");
        assertMalformedJson(sender, "{" + to + "\"content\":\"a\",\"content\":\"b\"}", "key twice");
        assertMalformedJson(sender, "{" + to + "\"content\":\"lone \\ud800 surrogate\"}", "surrogate");
        assertMalformedJson(sender, "{" + to + "\"content\":\"reversed \\udc00\\ud800\"}", "surrogate");
        var raw = server.send(
                "POST",
                "/messages",
                sender.token(),
                "application/json",
                HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}));
        assertEquals(400, raw.status(), raw.text());

        assertEquals(
                0,
                server.get("/messages/conversations", sender.token())
                        .json()
                        .get("items")
                        .size());
        var pair =
                server.call("POST", "/messages", sender.token(), "{" + to + "\"content\":\"a pair \\ud83d\\ude00\"}");
        assertEquals(201, pair.status(), pair.text());
        assertEquals("a pair \uD83D\uDE00", pair.json().get("content").asText());
    }

    @Test
    void aClientMessageIdReusedInAnotherConversationIsAConflict() {
        var carol = server.account(RestServer.unique("ca"));
        var first = server.call(
                "POST",
                "/messages",
                alice.token(),
                "{\"recipientId\":\"" + bob.id() + "\",\"content\":\"to bob\",\"clientMessageId\":\"c-1\"}");
        assertEquals(201, first.status());
        var retry = server.call(
                "POST",
                "/messages",
                alice.token(),
                "{\"recipientId\":\"" + bob.id() + "\",\"content\":\"to bob\",\"clientMessageId\":\"c-1\"}");
        assertEquals(first.json().get("id"), retry.json().get("id"));

        var elsewhere = server.call(
                "POST",
                "/messages",
                alice.token(),
                "{\"recipientId\":\"" + carol.id() + "\",\"content\":\"to carol\",\"clientMessageId\":\"c-1\"}");
        assertEquals(409, elsewhere.status(), elsewhere.text());
        assertEquals("conflict", elsewhere.json().get("code").asText());
    }

    @Test
    void anUnparseableContentTypeOrAcceptIsAProblem() {
        for (String type : new String[] {";;;", "a/b; x", "/", "text/"}) {
            var reply =
                    server.send("POST", "/attachments", alice.token(), type, HttpRequest.BodyPublishers.ofString("x"));
            assertEquals(415, reply.status(), type + ": " + reply.text());
            assertTrue(reply.contentType().startsWith("application/problem+json"), type);
        }
        var accept =
                server.withHeaders("GET", "/users/me", "Authorization", "Bearer " + alice.token(), "Accept", ";;;");
        assertEquals(400, accept.status(), accept.text());
        assertEquals("malformed_header", accept.json().get("code").asText());
    }

    @Test
    void onlyRasterImagesAudioAndVideoAreShownInlineAndEveryDownloadIsSandboxed() {
        record Upload(String type, String disposition) {}
        for (var upload : new Upload[] {
            new Upload("image/png", "inline"),
            new Upload("image/svg+xml", "attachment"),
            new Upload("application/pdf", "attachment"),
            new Upload("text/plain", "attachment")
        }) {
            var uploaded = server.send(
                    "POST",
                    "/attachments",
                    alice.token(),
                    upload.type(),
                    HttpRequest.BodyPublishers.ofString(
                            "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)" + "</script></svg>"));
            assertEquals(201, uploaded.status(), uploaded.text());
            var download =
                    server.get("/attachments/" + uploaded.json().get("id").asText(), alice.token());
            assertEquals(200, download.status());
            assertTrue(
                    download.headers()
                            .firstValue("Content-Disposition")
                            .orElse("")
                            .startsWith(upload.disposition() + ";"),
                    upload + " " + download.headers());
            assertEquals(
                    "nosniff",
                    download.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(download.headers()
                    .firstValue("Content-Security-Policy")
                    .orElse("")
                    .contains("sandbox"));
        }
        assertTrue(AttachmentDownload.shownInline("audio/ogg; codecs=opus"));
        assertTrue(AttachmentDownload.shownInline("video/mp4"));
        assertTrue(AttachmentDownload.shownInline("IMAGE/JPEG"));
        assertTrue(!AttachmentDownload.shownInline("text/html"));
        assertTrue(!AttachmentDownload.shownInline("image/svg+xml; charset=utf-8"));
    }

    private static String signed(String subject, long expiresInSeconds) throws Exception {
        var claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 60));
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(RestServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jws.getCompactSerialization();
    }

    @Test
    void aTokenThatExpiredAMomentAgoIsRefusedUnlessASkewIsAllowed() throws Exception {
        String expired = signed(alice.id(), -2);
        assertEquals(401, server.get("/users/me", expired).status());
        assertEquals(200, server.get("/users/me", signed(alice.id(), 60)).status());

        var lenient = new JwtTokens(RestServer.SECRET, Duration.ofHours(1), Duration.ofSeconds(30));
        assertEquals(
                UserId.of(alice.id()), lenient.verify(expired).orElseThrow().userId());
        assertTrue(server.tokens.verify(expired).isEmpty());
    }

    @Test
    void aPasswordChangeOrResetRevokesEveryEarlierToken() {
        var user = server.account(RestServer.unique("rv"));
        String other = server.token(user.username(), "password-" + user.username());
        var changed = server.call(
                "POST",
                "/auth/password",
                user.token(),
                "{\"currentPassword\":\"password-" + user.username() + "\",\"newPassword\":\"changed-password\"}");
        assertEquals(200, changed.status(), changed.text());
        assertEquals(401, server.get("/users/me", user.token()).status());
        assertEquals(401, server.get("/users/me", other).status());

        String afterChange = server.token(user.username(), "changed-password");
        assertEquals(200, server.get("/users/me", afterChange).status());

        String secret = server.passwordResetToken(user);
        assertEquals(200, server.confirmPasswordReset(secret, "reset-password").status());
        assertEquals(401, server.get("/users/me", afterChange).status());
        String afterReset = server.token(user.username(), "reset-password");
        assertEquals(200, server.get("/users/me", afterReset).status());
    }
}
