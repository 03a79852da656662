package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests however malformed (target, encoding, Host, header sizes) are answered with a problem document and a 4xx,
 * never a 500, an HTML page or a stack trace, are counted in /metrics, and every answer carries the security
 * headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {
    private final RunningServer server = start();
    private final int port = server.server.port();

    private static RunningServer start() {
        try {
            return new RunningServer(Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertProblem(int status, String code, RawHttp.Answer answer, String what) throws Exception {
        assertEquals(status, answer.status(), what + ": " + answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), what + " " + answer);
        JsonNode body = WireJson.MAPPER.readTree(answer.body());
        assertEquals(status, body.get("status").asInt(), what);
        assertEquals(code, body.get("code").asText(), what);
        assertFalse(answer.body().contains("Exception") || answer.body().contains("<html"), what);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), what);
    }

    @Test
    void malformedTargetsAreRefusedWithAProblemWithoutAToken() throws Exception {
        for (String target : List.of(
                "/api/health?x=%ZZ",
                "/api/users?query=%ZZ",
                "/api/messages/search?q=a&cursor=%%%bogus",
                "/api/conversations/a%2Fb",
                "/api/messages/..%2F..%2Fetc",
                "/api/conversations/%00",
                "/api/conversations/a%5Cb",
                "/api/conversations/%ZZ",
                "/api/conversations/%2e%2e%2f",
                "/api/messages/m/reactions/%2F",
                "/%00",
                "/socket.io/%00",
                "/socket.io/?EIO=4&transport=polling&x=%E0%80",
                "/api/%C3",
                "/api/health?q=%00")) {
            assertProblem(400, "malformed_uri", RawHttp.get(port, target, "Host: localhost"), target);
        }
        var delete = RawHttp.send(
                port,
                "DELETE /api/messages/..%2F..%2Fetc HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");
        assertProblem(400, "malformed_uri", delete, "DELETE");
        var put = RawHttp.send(
                port,
                "PUT /api/messages/x/reactions/%2F HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        assertProblem(400, "malformed_uri", put, "PUT");
        assertProblem(400, "malformed_uri", RawHttp.get(port, "api/health", "Host: localhost"), "relative");
    }

    @Test
    void badHostHeadersAreRefused() throws Exception {
        for (String host : List.of("Host: a b", "Host: [::1", "Host: ", "Host: a@b", "Host: x/y")) {
            var answer = RawHttp.get(port, "/api/health", host);
            assertEquals(400, answer.status(), host + ": " + answer);
            assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), host + " " + answer);
        }
        assertEquals(200, RawHttp.get(port, "/api/health", "Host: [::1]:3000").status());
        assertEquals(
                200, RawHttp.get(port, "/api/health", "Host: chat.example.com").status());
        var noHost = RawHttp.get(port, "/api/health");
        assertEquals(400, noHost.status());
        assertTrue(noHost.header("Content-Type").startsWith("application/problem+json"), noHost.toString());
    }

    @Test
    void oversizedRequestLinesAndHeadersGetTheirOwnStatus() throws Exception {
        assertProblem(
                414,
                "uri_too_long",
                RawHttp.get(port, "/api/users?query=" + "a".repeat(10_000), "Host: localhost"),
                "long query");
        assertProblem(
                431,
                "headers_too_large",
                RawHttp.get(port, "/api/users/me", "Host: localhost", "Authorization: Bearer " + "a".repeat(9_000)),
                "long header");
        assertProblem(
                431,
                "headers_too_large",
                RawHttp.get(port, "/api/users/me", "Host: localhost", "X-Padding: " + "b".repeat(20_000)),
                "longer header");
    }

    @Test
    void unknownPathsOutsideTheApiAreProblemsToo() throws Exception {
        assertProblem(404, "not_found", RawHttp.get(port, "/no/such/page.html", "Host: localhost"), "static");
    }

    @Test
    void refusalsAreCountedInMetrics() throws Exception {
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var metrics = URI.create(server.base + "/metrics");
        double before = count(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        for (int i = 0; i < 3; i++) {
            RawHttp.get(port, "/api/health?x=%ZZ", "Host: localhost");
        }
        RawHttp.get(port, "/api/users?query=" + "a".repeat(10_000), "Host: localhost");
        double after = count(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        assertEquals(before + 4, after);
    }

    private static double count(String scrape) {
        var matcher = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"4xx\"[^}]*} (\\S+)$")
                .matcher(scrape);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndThePageAPolicyTheWebClientPasses() throws Exception {
        var page = RawHttp.get(port, "/", "Host: localhost");
        assertEquals(200, page.status());
        String policy = page.header("Content-Security-Policy");
        for (String directive : List.of(
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "frame-ancestors 'none'",
                "connect-src 'self' ws: wss:")) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        var api = RawHttp.get(port, "/api/health", "Host: localhost");
        assertTrue(api.header("Content-Security-Policy").startsWith("default-src 'none'"), api.toString());
        assertEquals("nosniff", api.header("X-Content-Type-Options"));
        var polling = RawHttp.get(port, "/socket.io/?EIO=4&transport=polling", "Host: localhost");
        assertEquals(200, polling.status());
        assertEquals("nosniff", polling.header("X-Content-Type-Options"));
    }
}
