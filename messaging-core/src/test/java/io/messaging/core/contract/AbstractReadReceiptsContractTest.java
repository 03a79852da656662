package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.port.out.ReadReceipts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link ReadReceipts}, run against every receipt store adapter. */
public abstract class AbstractReadReceiptsContractTest extends StoreContract {

    protected AbstractReadReceiptsContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    @Test
    void marksOthersMessagesReadOnceAndShowsReceiptsOnTheMessage() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var fromBob = send(conversation, bob, "one", T0);
        var fromAlice = send(conversation, alice, "two", T0.plusMillis(1));
        var otherConversation = group("g", T0, alice, bob).id();
        var elsewhere = send(otherConversation, bob, "three", T0);

        var newlyRead = stores.readReceipts()
                .markRead(
                        conversation,
                        alice,
                        List.of(fromAlice.id(), fromBob.id(), elsewhere.id(), MessageId.of("unknown")),
                        T0.plusSeconds(5));

        assertEquals(List.of(fromBob.id()), newlyRead);
        assertEquals(
                List.of(new ReadReceipt(alice, T0.plusSeconds(5))),
                stores.messages().findById(fromBob.id()).orElseThrow().readBy());
        assertEquals(
                List.of(),
                stores.readReceipts().markRead(conversation, alice, List.of(fromBob.id()), T0.plusSeconds(9)));
        assertEquals(
                List.of(new ReadReceipt(alice, T0.plusSeconds(5))),
                stores.messages().findById(fromBob.id()).orElseThrow().readBy());
        assertEquals(
                List.of(),
                stores.messages().findById(elsewhere.id()).orElseThrow().readBy());
    }

    @Test
    void marksUpToASeqSkippingOwnDeletedAndAlreadyReadMessages() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var conversation = group("g", T0, alice, bob, carol).id();
        var m1 = send(conversation, bob, "1", T0);
        var m2 = send(conversation, alice, "2", T0);
        var m3 = send(conversation, carol, "3", T0);
        var m4 = send(conversation, bob, "4", T0);
        var m5 = send(conversation, bob, "5", T0);
        stores.messages().softDelete(m3.id(), T0);
        stores.readReceipts().markRead(conversation, alice, List.of(m4.id()), T0);

        var newlyRead = stores.readReceipts().markReadUpTo(conversation, alice, m4.seq(), T0.plusSeconds(1));

        assertEquals(List.of(m1.id()), newlyRead);
        assertEquals(Map.of(conversation, 1L), stores.readReceipts().unreadCounts(alice, List.of(conversation)));
        assertEquals(
                List.of(m5.id()),
                stores.readReceipts().markReadUpTo(conversation, alice, Long.MAX_VALUE, T0.plusSeconds(2)));
        assertEquals(
                List.of(), stores.messages().findById(m2.id()).orElseThrow().readBy());
        var readers = stores.messages().findById(m5.id()).orElseThrow().readBy();
        assertEquals(List.of(new ReadReceipt(alice, T0.plusSeconds(2))), readers);
    }

    @Test
    void keepsReceiptsOfSeveralReadersInReadOrder() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var conversation = group("g", T0, alice, bob, carol).id();
        var message = send(conversation, alice, "hello all", T0);

        stores.readReceipts().markRead(conversation, carol, List.of(message.id()), T0.plusSeconds(1));
        stores.readReceipts().markReadUpTo(conversation, bob, message.seq(), T0.plusSeconds(2));

        assertEquals(
                List.of(new ReadReceipt(carol, T0.plusSeconds(1)), new ReadReceipt(bob, T0.plusSeconds(2))),
                stores.messages().findById(message.id()).orElseThrow().readBy());
    }

    @Test
    void unreadCountsFollowSendingReadingAndDeleting() {
        var alice = user("alice");
        var bob = user("bob");
        var pair = direct(alice, bob).id();
        var team = group("g", T0, alice, bob).id();
        var quiet = group("quiet", T0, alice).id();
        send(pair, bob, "1", T0);
        var second = send(pair, bob, "2", T0);
        send(pair, alice, "mine", T0);
        send(team, bob, "team", T0);

        assertEquals(
                Map.of(pair, 2L, team, 1L, quiet, 0L),
                stores.readReceipts().unreadCounts(alice, List.of(pair, team, quiet)));
        assertEquals(Map.of(pair, 1L), stores.readReceipts().unreadCounts(bob, List.of(pair)));

        stores.messages().softDelete(second.id(), T0);
        assertEquals(Map.of(pair, 1L), stores.readReceipts().unreadCounts(alice, List.of(pair)));
        stores.readReceipts().markReadUpTo(pair, alice, Long.MAX_VALUE, T0);
        assertEquals(Map.of(pair, 0L, team, 1L), stores.readReceipts().unreadCounts(alice, List.of(pair, team)));
    }

    @Test
    void aReadingStartHidesEarlierHistoryFromUnreadWithoutReceipts() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = group("g", T0, alice).id();
        Message before = null;
        for (int i = 0; i < 3; i++) {
            before = send(conversation, alice, "before " + i, T0);
        }
        stores.conversations().addParticipants(conversation, List.of(bob));
        stores.readReceipts().startReadingAfter(conversation, bob, before.seq());
        stores.readReceipts().startReadingAfter(conversation, bob, 1);
        send(conversation, alice, "after", T0);

        assertEquals(Map.of(conversation, 1L), stores.readReceipts().unreadCounts(bob, List.of(conversation)));
        assertEquals(
                List.of(), stores.messages().findById(before.id()).orElseThrow().readBy());
        assertEquals(
                1,
                stores.readReceipts()
                        .markReadUpTo(conversation, bob, Long.MAX_VALUE, T0)
                        .size());
        assertEquals(Map.of(conversation, 0L), stores.readReceipts().unreadCounts(bob, List.of(conversation)));
    }

    @Test
    void countsZeroForUnknownConversations() {
        var alice = user("alice");
        var unknown = ConversationId.of("unknown");
        assertEquals(Map.of(unknown, 0L), stores.readReceipts().unreadCounts(alice, List.of(unknown)));
    }
}
