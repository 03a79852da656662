package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket frame and an HTTP request of the same session on two connections may reach the server in either
 * order; the session orders them as the reference server does.
 */
class UpgradeAndCloseOrderTest {
    private final RealTimeFixture fixture;

    UpgradeAndCloseOrderTest() throws Exception {
        fixture = new RealTimeFixture(
                RealTimeOptions.defaults().withHeartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSecondWebSocketForASessionBeingUpgradedIsRefused() throws Exception {
        String sid = fixture.pollingHandshake();
        var first = fixture.webSocket("EIO=4&transport=websocket&sid=" + sid);
        first.send("2probe");
        assertEquals("3probe", first.next());

        var second = fixture.webSocket("EIO=4&transport=websocket&sid=" + sid);
        assertTrue(second.closed.get(5, TimeUnit.SECONDS) > 0, "a second upgrade is refused");
        first.send("5");
        var third = fixture.webSocket("EIO=4&transport=websocket&sid=" + sid);
        assertTrue(third.closed.get(5, TimeUnit.SECONDS) > 0, "and so is one after the upgrade");
        assertEquals(false, first.closed.isDone());
    }

    @Test
    void aPollHeldWhenTheUpgradeCompletesIsRefusedAndPollingIsOver() throws Exception {
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        var socket = fixture.webSocket("EIO=4&transport=websocket&sid=" + sid);
        socket.send("2probe");
        assertEquals("3probe", socket.next());
        socket.send("5");
        var poll = fixture.http.send(
                HttpRequest.newBuilder(URI.create(fixture.base + "/socket.io/?" + query))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, poll.statusCode(), poll.body());
    }

    @Test
    void aCloseThatOvertakesTheClientsPollStillEndsThatPollWithANoop() throws Exception {
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        assertEquals("ok", fixture.post(query, "1").body());
        assertEquals(0, fixture.realTime.connectionCount(), "the session is closed at once");

        var overtaken = fixture.get(query);
        assertEquals(200, overtaken.status());
        assertEquals("6", overtaken.body());
        assertEquals(400, fixture.get(query).status(), "then the session is gone");
        assertEquals(400, fixture.post(query, "3").status());
    }
}
