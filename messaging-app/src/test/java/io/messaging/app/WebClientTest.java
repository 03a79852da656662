package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the web client needs from the server: HEAD on its pages, a favicon, and /api/config telling it about mail. */
class WebClientTest {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> call(String method, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void headAnswersLikeGetWithoutABodyAndTheFaviconIsAnImage() throws Exception {
        try (var server = new RunningServer(Map.of())) {
            var head = call("HEAD", server.base + "/");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertTrue(head.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertEquals(404, call("HEAD", server.base + "/no-such-file.js").statusCode());
            for (String icon : new String[] {"/favicon.ico", "/favicon.svg"}) {
                var response = call("GET", server.base + icon);
                assertEquals(200, response.statusCode(), icon);
                String type = response.headers().firstValue("content-type").orElse("");
                assertTrue(type.startsWith("image/"), icon + " is " + type);
            }
            var post = call("POST", server.base + "/");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));
            assertTrue(post.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
            assertTrue(post.body().contains("\"code\":\"method_not_allowed\""), post.body());
        }
    }

    private String config(Map<String, String> environment) throws Exception {
        try (var server = new RunningServer(environment)) {
            var response = call("GET", server.base + "/api/config");
            assertEquals(200, response.statusCode());
            return response.body();
        }
    }

    @Test
    void configSaysWhetherMailAndPushAreConfigured() throws Exception {
        assertEquals("{\"mail\":false,\"push\":true}", config(Map.of()));
        assertTrue(config(Map.of("SMTP_HOST", "smtp.example.com")).contains("\"mail\":true"));
        assertEquals("{\"mail\":false,\"push\":false}", config(Map.of("APP_ENV", "production")));
    }
}
