package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The happy path of every route, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRoutesTest {
    private final RestServer server = new RestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void registersLogsInAndShowsUsers() {
        var name = RestServer.unique("ann");
        var registered = server.call(
                "POST",
                "/auth/register",
                null,
                "{\"username\":\"" + name + "\",\"email\":\"" + name
                        + "@example.com\",\"password\":\"secret-password\",\"displayName\":\"Ann\"}");
        assertEquals(201, registered.status());
        assertTrue(registered.contentType().startsWith("application/json"));
        assertEquals(name, registered.json().get("username").asText());
        assertEquals("Ann", registered.json().get("displayName").asText());
        assertFalse(registered.json().has("password"));
        assertFalse(registered.json().has("passwordHash"));

        var login = server.login(name + "@example.com", "secret-password");
        assertEquals(200, login.status());
        assertEquals("Bearer", login.json().get("tokenType").asText());
        assertTrue(login.json().get("expiresIn").asLong() > 0);
        String token = login.json().get("token").asText();

        var me = server.get("/users/me", token);
        assertEquals(200, me.status());
        assertEquals(name + "@example.com", me.json().get("email").asText());
        var other = server.account(RestServer.unique("bea"));
        var seenByOther = server.get("/users/" + me.json().get("id").asText(), other.token());
        assertEquals(200, seenByOther.status());
        assertFalse(seenByOther.json().has("email"), "email only to the user itself");
        var search = server.get("/users?query=" + name + "&limit=5", other.token());
        assertEquals(1, search.json().get("items").size());
        assertEquals(404, server.get("/users/unknown-user", token).status());
    }

    @Test
    void changesAndResetsPasswords() {
        var user = server.account(RestServer.unique("pat"));
        assertEquals(
                401,
                server.call(
                                "POST",
                                "/auth/password",
                                user.token(),
                                "{\"currentPassword\":\"wrong-one\",\"newPassword\":\"new-password\"}")
                        .status());
        assertEquals(
                200,
                server.call(
                                "POST",
                                "/auth/password",
                                user.token(),
                                "{\"currentPassword\":\"password-" + user.username()
                                        + "\",\"newPassword\":\"new-password\"}")
                        .status());
        assertEquals(200, server.login(user.username(), "new-password").status());

        assertEquals(
                202,
                server.call("POST", "/auth/password-reset/request", null, "{\"email\":\"nobody@example.com\"}")
                        .status());
        String token = server.passwordResetToken(user);
        assertEquals(200, server.confirmPasswordReset(token, "reset-password").status());
        assertEquals(404, server.confirmPasswordReset(token, "reset-password").status());
        assertEquals(200, server.login(user.username(), "reset-password").status());
    }

    @Test
    void sendsReadsEditsDeletesAndReactsInADirectConversation() {
        var alice = server.account(RestServer.unique("alice"));
        var bob = server.account(RestServer.unique("bob"));
        String body = "{\"recipientId\":\"" + bob.id() + "\",\"content\":\"hello bob\",\"clientMessageId\":\"c-1\"}";

        var sent = server.call("POST", "/messages", alice.token(), body);
        assertEquals(201, sent.status());
        var message = sent.json();
        assertEquals(1, message.get("seq").asLong());
        assertEquals(bob.id(), message.get("recipientId").asText());
        assertEquals("text", message.get("type").asText());
        assertTrue(message.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        var retry = server.call("POST", "/messages", alice.token(), body);
        assertEquals(200, retry.status());
        assertEquals(message.get("id"), retry.json().get("id"));
        assertEquals(message.get("seq"), retry.json().get("seq"));

        var history = server.get("/messages/conversation/" + alice.id(), bob.token());
        assertEquals(1, history.json().get("items").size(), "a retry stores nothing new");
        assertEquals(
                0,
                server.get(
                                "/messages/conversation/"
                                        + server.account(RestServer.unique("cy"))
                                                .id(),
                                bob.token())
                        .json()
                        .get("items")
                        .size());
        var unread = server.get("/messages/unread-count", bob.token()).json();
        assertEquals(1, unread.get("total").asLong());
        String conversationId = message.get("conversationId").asText();
        assertEquals(1, unread.get("conversations").get(conversationId).asLong());

        var list = server.get("/messages/conversations?limit=10", bob.token()).json();
        assertEquals(conversationId, list.get("items").get(0).get("id").asText());
        assertEquals(1, list.get("items").get(0).get("unreadCount").asLong());
        assertEquals(
                "hello bob",
                list.get("items").get(0).get("lastMessage").get("content").asText());

        String messageId = message.get("id").asText();
        var read = server.call("PATCH", "/messages/" + messageId + "/read", bob.token(), null);
        assertEquals(200, read.status());
        assertEquals(conversationId, read.json().get("conversationId").asText());
        assertEquals(
                0,
                server.get("/messages/unread-count", bob.token())
                        .json()
                        .get("total")
                        .asLong());
        server.sendDirect(alice, bob, "two");
        var readAll = server.call("PATCH", "/messages/conversation/" + alice.id() + "/read", bob.token(), null);
        assertEquals(1, readAll.json().get("updated").asInt());

        assertEquals(
                403,
                server.call("PATCH", "/messages/" + messageId, bob.token(), "{\"content\":\"x\"}")
                        .status());
        var edited = server.call("PATCH", "/messages/" + messageId, alice.token(), "{\"content\":\"hello, bob\"}");
        assertEquals(200, edited.status());
        assertFalse(edited.json().get("editedAt").isNull());
        var reacted = server.call("PUT", "/messages/" + messageId + "/reactions/%F0%9F%91%8D", bob.token(), null);
        assertEquals(bob.id(), reacted.json().get("reactions").get("👍").get(0).asText());
        var unreacted = server.call("DELETE", "/messages/" + messageId + "/reactions/%F0%9F%91%8D", bob.token(), null);
        assertEquals(0, unreacted.json().get("reactions").size());
        var found = server.get("/messages/search?q=hello", bob.token()).json();
        assertEquals(messageId, found.get("items").get(0).get("id").asText());

        assertEquals(
                403,
                server.call("DELETE", "/messages/" + messageId, bob.token(), null)
                        .status());
        assertEquals(
                204,
                server.call("DELETE", "/messages/" + messageId, alice.token(), null)
                        .status());
        var afterDelete = server.get("/conversations/" + conversationId + "/messages?after=0", bob.token())
                .json();
        var deleted = afterDelete.get("items").get(0);
        assertTrue(deleted.get("deleted").asBoolean());
        assertTrue(deleted.get("content").isNull());
        assertEquals(bob.id(), deleted.get("readBy").get(0).get("userId").asText());
    }

    @Test
    void managesGroupsAndPagesTheirHistory() {
        var owner = server.account(RestServer.unique("own"));
        var member = server.account(RestServer.unique("mem"));
        var late = server.account(RestServer.unique("late"));
        var created = server.call(
                "POST",
                "/conversations",
                owner.token(),
                "{\"title\":\"Team\",\"participantIds\":[\"" + member.id() + "\"]}");
        assertEquals(201, created.status());
        assertEquals("group", created.json().get("type").asText());
        assertEquals(2, created.json().get("participantIds").size());
        String id = created.json().get("id").asText();
        for (int i = 1; i <= 5; i++) {
            server.call(
                    "POST",
                    "/messages",
                    member.token(),
                    "{\"conversationId\":\"" + id + "\",\"content\":\"m" + i + "\"}");
        }
        var page = server.get("/conversations/" + id + "/messages?limit=2", owner.token())
                .json();
        assertEquals(5, page.get("items").get(0).get("seq").asLong());
        String cursor = page.get("nextCursor").asText();
        var older = server.get("/conversations/" + id + "/messages?limit=2&before=" + cursor, owner.token())
                .json();
        assertEquals(3, older.get("items").get(0).get("seq").asLong());
        var after = server.get("/conversations/" + id + "/messages?after=3", owner.token())
                .json();
        assertEquals(4, after.get("items").get(0).get("seq").asLong());
        assertTrue(after.get("nextCursor").isNull());

        var added = server.call(
                "POST",
                "/conversations/" + id + "/participants",
                member.token(),
                "{\"userIds\":[\"" + late.id() + "\"]}");
        assertEquals(3, added.json().get("participantIds").size());
        assertEquals(
                0,
                server.get("/messages/unread-count", late.token())
                        .json()
                        .get("total")
                        .asLong());
        var read = server.call("PATCH", "/conversations/" + id + "/read", owner.token(), "{}");
        assertEquals(5, read.json().get("updated").asInt());
        assertEquals(200, server.get("/conversations/" + id, late.token()).status());
        assertEquals(
                403,
                server.call("DELETE", "/conversations/" + id + "/participants/" + late.id(), member.token(), null)
                        .status());
        assertEquals(
                204,
                server.call("DELETE", "/conversations/" + id + "/participants/" + late.id(), owner.token(), null)
                        .status());
        assertEquals(404, server.get("/conversations/" + id, late.token()).status());
        assertEquals(
                204,
                server.call("DELETE", "/conversations/" + id + "/participants/" + member.id(), member.token(), null)
                        .status());
    }

    @Test
    void uploadsAndDownloadsAttachmentsForParticipantsOnly() {
        var alice = server.account(RestServer.unique("al"));
        var bob = server.account(RestServer.unique("bo"));
        var eve = server.account(RestServer.unique("ev"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        var uploaded = server.send(
                "POST", "/attachments", alice.token(), "image/png", HttpRequest.BodyPublishers.ofByteArray(png));
        assertEquals(201, uploaded.status());
        String id = uploaded.json().get("id").asText();
        assertEquals("/api/attachments/" + id, uploaded.json().get("url").asText());
        assertEquals(7, uploaded.json().get("size").asLong());
        assertEquals(200, server.get("/attachments/" + id, alice.token()).status());
        assertEquals(404, server.get("/attachments/" + id, bob.token()).status());

        var sent = server.call(
                "POST",
                "/messages",
                alice.token(),
                "{\"recipientId\":\"" + bob.id() + "\",\"type\":\"image\",\"attachments\":[{\"id\":\"" + id
                        + "\",\"name\":\"dot.png\"}]}");
        assertEquals(201, sent.status());
        assertEquals(
                "image/png",
                sent.json().get("attachments").get(0).get("contentType").asText());
        var download = server.get("/attachments/" + id, bob.token());
        assertEquals(200, download.status());
        assertEquals("image/png", download.contentType());
        assertEquals(
                "nosniff",
                download.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(404, server.get("/attachments/" + id, eve.token()).status());

        String boundary = "XyZ";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\nhello file\r\n--" + boundary + "--\r\n";
        var form = server.send(
                "POST",
                "/attachments",
                alice.token(),
                "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofString(multipart));
        assertEquals(201, form.status(), form.text());
        assertEquals("text/plain", form.json().get("contentType").asText());
        assertEquals(10, form.json().get("size").asLong());

        var tooLarge = server.send(
                "POST",
                "/attachments",
                alice.token(),
                "image/png",
                HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024 + 1]));
        assertEquals(413, tooLarge.status());
        assertEquals("payload_too_large", tooLarge.json().get("code").asText());
        var wrongType = server.send(
                "POST", "/attachments", alice.token(), "text/html", HttpRequest.BodyPublishers.ofString("<script>"));
        assertEquals(415, wrongType.status());
    }

    @Test
    void answersHealthAndServesItsDocs() {
        var health = server.get("/health", null);
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
        assertEquals("up", health.json().get("checks").get("store").asText());
        var openApi = server.get("/openapi.json", null);
        assertEquals(200, openApi.status());
        assertEquals("3.0.3", openApi.json().get("openapi").asText());
        var ui = server.get("/docs/index.html", null);
        assertEquals(200, ui.status());
        assertTrue(ui.text().contains("swagger"), "Swagger UI page");
    }
}
