package io.messaging.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real {@code main} in a child JVM, and a small HTTP client to talk to it. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final Path log;
    final String base;

    private ServerProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    static ServerProcess start(Map<String, String> environment, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        String port = environment.getOrDefault("PORT", "3000");
        return new ServerProcess(builder.start(), log, "http://127.0.0.1:" + port);
    }

    /** Waits until the health endpoint answers 200. */
    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + java.nio.file.Files.readString(log));
            }
            try {
                if (call("GET", "/api/health", null, null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not become healthy: " + java.nio.file.Files.readString(log));
    }

    /** An answer of the API. */
    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, String path, String token, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
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
    record Account(String id, String token) {
    }

    Account account(String username) throws Exception {
        call("POST", "/api/auth/register", null, "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.com\",\"password\":\"password-1\"}");
        var login = call("POST", "/api/auth/login", null, "{\"login\":\"" + username
                + "\",\"password\":\"password-1\"}");
        return new Account(login.body().get("user").get("id").asText(), login.body().get("token").asText());
    }

    /** Every message of a conversation, oldest first, read page by page with after=seq. */
    List<JsonNode> history(String conversationId, String token) throws Exception {
        var all = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = call("GET", "/api/conversations/" + conversationId + "/messages?limit=100&after=" + after,
                    token, null).body();
            page.get("items").forEach(all::add);
            if (page.get("nextCursor").isNull()) {
                return all;
            }
            after = page.get("nextCursor").asLong();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
