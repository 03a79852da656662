package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.MessageType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.SendMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Disconnect churn while every disconnect broadcasts presence and messages fan out: the port keeps serving and a
 * fresh client still gets its acknowledgement promptly.
 */
class ChurnTest {
    private final RealTimeFixture fixture;

    ChurnTest() throws Exception {
        fixture = new RealTimeFixture(RealTimeOptions.defaults().withQueueLimits(64, 128));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void survivesDisconnectChurnWithBroadcasts() throws Exception {
        var hub = fixture.account();
        List<RealTimeFixture.Account> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var user = fixture.account();
            users.add(user);
            fixture.core
                    .sendMessage()
                    .send(new SendMessage.Command(
                            UserId.of(user.id()),
                            new SendMessage.Target.ToUser(UserId.of(hub.id())),
                            MessageType.TEXT,
                            "hi",
                            List.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))
                    .orElseThrow();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (var user : users) {
                pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        var socket = fixture.webSocket("EIO=4&transport=websocket");
                        socket.next();
                        socket.send("40{\"token\":\"" + user.token() + "\"}");
                        socket.nextNonPing();
                        socket.send("42[\"send_message\",{\"recipientId\":\"" + hub.id() + "\",\"content\":\"x\"}]");
                        socket.socket.abort();
                    }
                    return null;
                });
            }
            var hubSockets = new ArrayList<RawSocket>();
            for (int i = 0; i < 3; i++) {
                var socket = fixture.webSocket("EIO=4&transport=websocket");
                socket.next();
                socket.send("40{\"token\":\"" + hub.token() + "\"}");
                socket.nextNonPing();
                hubSockets.add(socket);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "churn finished");
        } finally {
            pool.shutdownNow();
        }
        var fresh = fixture.webSocket("EIO=4&transport=websocket");
        fresh.next();
        fresh.send("40{\"token\":\"" + fixture.account().token() + "\"}");
        fresh.nextNonPing();
        long started = System.nanoTime();
        fresh.send("429[\"get_online_users\",{}]");
        String ack;
        do {
            ack = fresh.nextNonPing();
        } while (!ack.startsWith("439"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "answered promptly");
    }
}
