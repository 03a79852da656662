package io.messaging.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP/1.1 client of the REST API for the server tests. */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    /** The server's address, such as {@code http://127.0.0.1:3000}. */
    String base() {
        return base;
    }

    /** An answer of the API. */
    record Reply(int status, JsonNode body) {}

    Reply call(String method, String path, String token, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : WireJson.MAPPER.readTree(response.body());
        return new Reply(response.statusCode(), body);
    }

    /** A registered, logged-in user: id and token. */
    record Account(String id, String token) {}

    Account account(String username) throws Exception {
        call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + username + "\",\"email\":\"" + username
                        + "@example.com\",\"password\":\"password-1\"}");
        var login =
                call("POST", "/api/auth/login", null, "{\"login\":\"" + username + "\",\"password\":\"password-1\"}");
        return new Account(
                login.body().get("user").get("id").asText(),
                login.body().get("token").asText());
    }

    /** Sends {@code content} from one user to another, in their direct conversation; answers that conversation's id. */
    String sendDirect(Account from, Account to, String content) throws Exception {
        var sent = call(
                "POST",
                "/api/messages",
                from.token(),
                "{\"recipientId\":\"" + to.id() + "\",\"content\":\"" + content + "\"}");
        if (sent.status() != 201) {
            throw new AssertionError("sending failed: " + sent.status() + " " + sent.body());
        }
        return sent.body().get("conversationId").asText();
    }

    /** Every message of a conversation, oldest first, read page by page with after=seq. */
    List<JsonNode> history(String conversationId, String token) throws Exception {
        var all = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = call(
                            "GET",
                            "/api/conversations/" + conversationId + "/messages?limit=100&after=" + after,
                            token,
                            null)
                    .body();
            page.get("items").forEach(all::add);
            if (page.get("nextCursor").isNull()) {
                return all;
            }
            after = page.get("nextCursor").asLong();
        }
    }
}
