package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus scrape names the server's own meters and counts what happened. */
class MetricsTest {

    @Test
    void countsMessagesAndTimesRequestsAndTheStore() throws Exception {
        try (var server = new RunningServer(Map.of())) {
            var process = new ApiClient(server.base);
            var alice = process.account("metric-alice");
            var bob = process.account("metric-bob");
            assertEquals(
                    201,
                    process.call(
                                    "POST",
                                    "/api/messages",
                                    alice.token(),
                                    "{\"recipientId\":\"" + bob.id() + "\",\"content\":\"counted\"}")
                            .status());

            var scrape = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.base + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            String text = scrape.body();
            var sent = Pattern.compile("(?m)^messaging_messages_sent_total\\S* (\\S+)$")
                    .matcher(text);
            assertTrue(sent.find(), text);
            assertEquals(1.0, Double.parseDouble(sent.group(1)));
            for (String meter : new String[] {
                "messaging_connections",
                "messaging_deliveries_total",
                "messaging_store_seconds_count{operation=\"append\"",
                "http_server_requests_seconds_count",
                "jvm_memory_used_bytes",
                "messaging_recovery_sessions",
                "messaging_recovery_events"
            }) {
                assertTrue(text.contains(meter), meter + " missing");
            }
        }
    }
}
