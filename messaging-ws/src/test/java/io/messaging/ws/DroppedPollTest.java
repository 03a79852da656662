package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.wire.WireJson;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client whose held poll's connection goes away is gone: its session closes then, as in the reference server
 * ("poll connection closed prematurely"), not a heartbeat later.
 */
class DroppedPollTest {
    private final RealTimeFixture fixture;

    DroppedPollTest() throws Exception {
        fixture = new RealTimeFixture(
                RealTimeOptions.defaults().withHeartbeat(Duration.ofSeconds(25), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void droppingAHeldPollClosesTheSessionAtOnce() throws Exception {
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        URI base = URI.create(fixture.base);
        try (Socket held = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = held.getOutputStream();
            out.write(("GET /socket.io/?" + query + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            assertEquals(200, fixture.post(query, "3").status(), "the session is open while the poll is held");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = fixture.post(query, "3").status();
        }
        var reply = fixture.post(query, "3");
        assertEquals(400, reply.status(), "still open 5 s after its poll was dropped");
        assertEquals(1, WireJson.MAPPER.readTree(reply.body()).get("code").asInt());
    }
}
