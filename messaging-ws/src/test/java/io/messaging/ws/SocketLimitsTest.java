package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ChangePassword;
import io.messaging.core.port.in.CreateGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection may not do: flood events (a burst, then rate_limited acks, then a disconnect), leave a
 * conversation it is not in, send a frame over the payload limit, or outlive a password change.
 */
class SocketLimitsTest {
    private final RealTimeFixture fixture;

    SocketLimitsTest() throws Exception {
        fixture = new RealTimeFixture(
                RealTimeOptions.defaults().withEventLimits(1, 5).withMaxPayload(4096));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RawSocket connected(RealTimeFixture.Account user) throws Exception {
        var socket = fixture.webSocket("EIO=4&transport=websocket");
        assertTrue(socket.next().startsWith("0{"));
        socket.send("40{\"token\":\"" + user.token() + "\"}");
        assertTrue(socket.nextNonPing().startsWith("40{\"sid\""));
        return socket;
    }

    @Test
    void aFloodGetsABurstThenRateLimitedAcksThenIsDisconnected() throws Exception {
        var user = fixture.account();
        var socket = connected(user);
        for (int i = 0; i < 30 && socket.sendUnlessClosed("42" + i + "[\"get_online_users\",{}]"); i++) {
            // the server may close the connection before the flood is all sent
        }
        int ok = 0;
        int limited = 0;
        while (true) {
            String packet = socket.received.poll(5, TimeUnit.SECONDS);
            if (packet == null || !packet.startsWith("43")) {
                break;
            }
            if (packet.contains("\"ok\":true")) {
                ok++;
            } else if (packet.contains("\"code\":\"rate_limited\"")) {
                limited++;
            }
        }
        assertTrue(ok >= 5 && ok < 10, "the burst and a little refill: " + ok);
        assertTrue(limited >= 1, "refused past the burst: " + limited);
        assertTrue(ok + limited < 30, "disconnected before the flood ended: " + (ok + limited));
        assertEquals(1000, socket.closed.get(5, TimeUnit.SECONDS));
        assertEquals(0, fixture.realTime.connectionCount());

        var again = connected(user);
        again.send("421[\"get_online_users\",{}]");
        assertTrue(again.nextNonPing().startsWith("431[{\"ok\":true"), "the user's allowance went with the socket");
    }

    @Test
    void aFloodingSocketIsCutOffWhileAnotherUsersMessageIsDelivered() throws Exception {
        var flooder = connected(fixture.account());
        var alice = fixture.account();
        var bob = fixture.account();
        var bobSocket = connected(bob);
        var aliceSocket = connected(alice);
        var flood = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2000 && flooder.sendUnlessClosed("42" + i + "[\"get_online_users\",{}]"); i++) {
                // as fast as the connection takes them
            }
        });
        aliceSocket.send(
                "421[\"send_message\",{\"recipientId\":\"" + bob.id() + "\",\"content\":\"through the flood\"}]");
        String ack = firstStartingWith(aliceSocket, "431[");
        assertTrue(ack != null && ack.startsWith("431[{\"ok\":true"), "the sender's ack: " + ack);
        String delivered = firstStartingWith(bobSocket, "42[\"message_notification\"");
        assertTrue(delivered != null && delivered.contains("through the flood"), "delivered: " + delivered);
        flood.get(10, TimeUnit.SECONDS);
        // closed mid-send, the client may see a reset rather than the close frame: either way it is cut off
        flooder.closed.get(5, TimeUnit.SECONDS);
        assertEquals(2, fixture.realTime.connectionCount(), "only the flooding socket was disconnected");
    }

    /** The first packet the socket receives that starts so, waiting up to 10 s between packets; null if none. */
    private static String firstStartingWith(RawSocket socket, String prefix) throws InterruptedException {
        for (String packet = socket.received.poll(10, TimeUnit.SECONDS);
                packet != null;
                packet = socket.received.poll(10, TimeUnit.SECONDS)) {
            if (packet.startsWith(prefix)) {
                return packet;
            }
        }
        return null;
    }

    @Test
    void leavingAConversationOneIsNotInIsNotFound() throws Exception {
        var alice = fixture.account();
        var bob = fixture.account();
        var group = fixture.core
                .createGroup()
                .create(new CreateGroup.Command(UserId.of(bob.id()), "bob's", List.of()))
                .orElseThrow();
        var socket = connected(alice);
        socket.send(
                "421[\"leave_conversation\",{\"conversationId\":\"" + group.id().value() + "\"}]");
        assertTrue(socket.nextNonPing().contains("\"code\":\"not_found\""));
        socket.send("422[\"leave_conversation\",{\"conversationId\":\""
                + ConversationId.of("no-such").value() + "\"}]");
        assertTrue(socket.nextNonPing().contains("\"code\":\"not_found\""));

        var own = connected(bob);
        own.send(
                "423[\"leave_conversation\",{\"conversationId\":\"" + group.id().value() + "\"}]");
        String left = own.nextNonPing();
        assertTrue(left.startsWith("433[{\"ok\":true"), left);
    }

    @Test
    void aFrameOverThePayloadLimitClosesWithMessageTooBig() throws Exception {
        var socket = connected(fixture.account());
        socket.socket.sendText("42[\"x\",\"" + "a".repeat(10_000) + "\"]", true);
        assertEquals(1009, socket.closed.get(5, TimeUnit.SECONDS));
        var huge = connected(fixture.account());
        huge.socket.sendText("42[\"x\",\"" + "a".repeat(100_000) + "\"]", true);
        assertEquals(1009, huge.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPasswordChangeDisconnectsEveryLiveSocketOfThatUserOnly() throws Exception {
        var alice = fixture.account();
        var bob = fixture.account();
        var first = connected(alice);
        var second = connected(alice);
        var other = connected(bob);
        fixture.core
                .changePassword()
                .change(new ChangePassword.Command(UserId.of(alice.id()), "password1", "another-password"))
                .orElseThrow();

        assertTrue(first.closed.get(5, TimeUnit.SECONDS) > 0);
        assertTrue(second.closed.get(5, TimeUnit.SECONDS) > 0);
        other.send("421[\"get_online_users\",{}]");
        assertTrue(other.nextNonPing().startsWith("431[{\"ok\":true"));
        var stale = fixture.webSocket("EIO=4&transport=websocket");
        assertTrue(stale.next().startsWith("0{"));
        stale.send("40{\"token\":\"" + alice.token() + "\"}");
        assertEquals("44{\"message\":\"unauthorized\"}", stale.nextNonPing());
    }
}
