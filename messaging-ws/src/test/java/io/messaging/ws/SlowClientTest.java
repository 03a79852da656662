package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.SendMessage;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that stops reading is cut off once its queue is full, and everyone else keeps getting everything. */
class SlowClientTest {
    private final RealTimeFixture fixture;

    SlowClientTest() throws Exception {
        fixture = new RealTimeFixture(RealTimeOptions.defaults().withQueueLimits(8, 32));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aStalledClientIsClosedWithoutHoldingUpTheOthers() throws Exception {
        var sender = fixture.account();
        var stalledUser = fixture.account();
        var healthyUser = fixture.account();
        var group = fixture.core
                .createGroup()
                .create(new CreateGroup.Command(
                        UserId.of(sender.id()),
                        "busy",
                        List.of(UserId.of(stalledUser.id()), UserId.of(healthyUser.id()))))
                .orElseThrow();

        var stalled = new RawSocket(2);
        var stalledSocket = fixture.http
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create(fixture.base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&token="
                                + stalledUser.token()),
                        stalled)
                .join();
        stalledSocket.sendText("40", true).join();
        var healthy = fixture.webSocket("EIO=4&transport=websocket");
        healthy.next();
        healthy.send("40{\"token\":\"" + healthyUser.token() + "\"}");
        healthy.nextNonPing();

        String big = "x".repeat(9000);
        int sent = 2000;
        for (int i = 0; i < sent; i++) {
            fixture.core
                    .sendMessage()
                    .send(new SendMessage.Command(
                            UserId.of(sender.id()),
                            new SendMessage.Target.ToConversation(
                                    ConversationId.of(group.id().value())),
                            MessageType.TEXT,
                            big + i,
                            List.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))
                    .orElseThrow();
        }
        int notifications = 0;
        while (notifications < sent) {
            if (healthy.nextNonPing().startsWith("42[\"message_notification\"")) {
                notifications++;
            }
        }
        assertEquals(sent, notifications, "the healthy client got every notification");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fixture.realTime.connectionCount() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, fixture.realTime.connectionCount(), "the stalled client was cut off, the healthy one kept");
        assertTrue(stalled.received.size() <= 2, "it read nothing after connecting");
    }
}
