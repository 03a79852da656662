package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ScheduledMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ScheduledMessages}, run against every adapter: an adapter's test implements
 * {@link #open()} (a fresh, empty store) and, if it holds resources, {@link #close()}.
 */
public abstract class AbstractScheduledMessagesContractTest {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.000Z");
    private static final Set<ScheduledStatus> ALL = EnumSet.allOf(ScheduledStatus.class);

    protected ScheduledMessages store;
    private final UserId alice = UserId.of(unique("alice"));
    private final UserId bob = UserId.of(unique("bob"));
    private final ConversationId conversation = ConversationId.of(unique("c"));

    /** A fresh, empty store of the adapter under test. */
    protected abstract ScheduledMessages open() throws Exception;

    /** Releases what the last {@link #open()} opened. */
    protected void close() throws Exception {}

    @BeforeEach
    final void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    final void closeStore() throws Exception {
        close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
    }

    private ScheduledMessage toConversation(UserId sender, String content, Instant sendAt) {
        return new ScheduledMessage(
                ScheduledMessageId.of(unique("s")),
                sender,
                Optional.of(conversation),
                Optional.empty(),
                MessageType.TEXT,
                content,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                sendAt,
                ScheduledStatus.SCHEDULED,
                Optional.empty(),
                Optional.empty(),
                T0);
    }

    private ScheduledMessage withClientId(ScheduledMessage message, String clientId) {
        return new ScheduledMessage(
                ScheduledMessageId.of(unique("s")),
                message.senderId(),
                message.conversationId(),
                message.recipientId(),
                message.type(),
                message.content(),
                message.attachments(),
                Optional.of(clientId),
                message.replyToId(),
                message.sendAt(),
                message.status(),
                message.messageId(),
                message.failure(),
                message.createdAt());
    }

    private ScheduledMessage schedule(UserId sender, String content, Instant sendAt) {
        return store.insert(toConversation(sender, content, sendAt));
    }

    @Test
    void aStoredMessageIsReadBackWithEveryField() {
        var toUser = new ScheduledMessage(
                ScheduledMessageId.of(unique("s")),
                alice,
                Optional.empty(),
                Optional.of(bob),
                MessageType.FILE,
                "see attached",
                List.of(
                        new Attachment(AttachmentId.of(unique("a")), "application/pdf", 3, Optional.of("a.pdf")),
                        new Attachment(AttachmentId.of(unique("a")), "image/png", 5, Optional.empty())),
                Optional.of("client-1"),
                Optional.of(MessageId.of(unique("m"))),
                T0.plusSeconds(60),
                ScheduledStatus.SCHEDULED,
                Optional.empty(),
                Optional.empty(),
                T0);

        assertEquals(toUser, store.insert(toUser));
        assertEquals(Optional.of(toUser), store.findById(toUser.id()));
        assertEquals(Optional.empty(), store.findById(ScheduledMessageId.of(unique("s"))));
    }

    @Test
    void theSameClientIdFromTheSameSenderStoresOnce() {
        var first = store.insert(withClientId(toConversation(alice, "once", T0.plusSeconds(60)), "retry-1"));
        var retry = store.insert(withClientId(toConversation(alice, "once", T0.plusSeconds(60)), "retry-1"));
        var otherSender = store.insert(withClientId(toConversation(bob, "once", T0.plusSeconds(60)), "retry-1"));

        assertEquals(first, retry);
        assertEquals(1, store.listBySender(alice, ALL).size());
        assertEquals(List.of(otherSender), store.listBySender(bob, ALL));
    }

    @Test
    void aSenderListsOnlyTheirOwnSoonestFirstByStatus() {
        var later = schedule(alice, "later", T0.plusSeconds(300));
        var sooner = schedule(alice, "sooner", T0.plusSeconds(100));
        var cancelled = schedule(alice, "cancelled", T0.plusSeconds(200));
        schedule(bob, "bob's", T0.plusSeconds(50));
        store.cancel(cancelled.id());

        assertEquals(List.of(sooner, later), store.listBySender(alice, EnumSet.of(ScheduledStatus.SCHEDULED)));
        assertEquals(List.of(cancelled.cancelled()), store.listBySender(alice, EnumSet.of(ScheduledStatus.CANCELLED)));
        assertEquals(
                List.of(sooner.id(), cancelled.id(), later.id()),
                store.listBySender(alice, ALL).stream()
                        .map(ScheduledMessage::id)
                        .toList());
        assertEquals(List.of(), store.listBySender(UserId.of(unique("nobody")), ALL));
    }

    @Test
    void aMessageIsRescheduledOrCancelledOnlyWhileScheduledAndNeverClaimed() {
        var message = schedule(alice, "draft", T0.plusSeconds(60));

        var rescheduled = store.reschedule(message.id(), "final", T0.plusSeconds(120));
        assertEquals(Optional.of(message.rescheduled("final", T0.plusSeconds(120))), rescheduled);
        assertEquals(rescheduled, store.findById(message.id()));
        assertEquals(List.of(), store.claimDue(T0.plusSeconds(60), T0.plusSeconds(90), 10));

        assertEquals(Optional.of(rescheduled.get().cancelled()), store.cancel(message.id()));
        assertEquals(Optional.empty(), store.cancel(message.id()));
        assertEquals(Optional.empty(), store.reschedule(message.id(), "again", T0.plusSeconds(300)));
        assertEquals(List.of(), store.claimDue(T0.plusSeconds(600), T0.plusSeconds(630), 10));

        var claimed = schedule(alice, "claimed", T0.plusSeconds(60));
        assertEquals(
                1, store.claimDue(T0.plusSeconds(60), T0.plusSeconds(90), 10).size());
        assertEquals(Optional.empty(), store.reschedule(claimed.id(), "too late", T0.plusSeconds(300)));
        assertEquals(Optional.empty(), store.cancel(claimed.id()));
        assertEquals(Optional.of(claimed), store.findById(claimed.id()));
        assertEquals(Optional.empty(), store.reschedule(ScheduledMessageId.of(unique("s")), "x", T0));
    }

    @Test
    void dueMessagesAreClaimedSoonestFirstOnceUntilTheLeaseEnds() {
        var second = schedule(alice, "second", T0.plusSeconds(20));
        var first = schedule(bob, "first", T0.plusSeconds(10));
        var third = schedule(alice, "third", T0.plusSeconds(30));
        var notYet = schedule(alice, "not yet", T0.plusSeconds(100));
        Instant now = T0.plusSeconds(30);
        Instant leaseEnd = now.plusSeconds(30);

        assertEquals(List.of(first, second), store.claimDue(now, leaseEnd, 2));
        assertEquals(List.of(third), store.claimDue(now, leaseEnd, 10));
        assertEquals(List.of(), store.claimDue(leaseEnd.minusMillis(1), leaseEnd.plusSeconds(30), 10));

        store.markSent(first.id(), MessageId.of("m-first"));
        store.markFailed(second.id(), "not_participant");
        var reclaimed = store.claimDue(leaseEnd, leaseEnd.plusSeconds(30), 10);

        assertEquals(
                List.of(third.id()),
                reclaimed.stream().map(ScheduledMessage::id).toList());
        assertEquals(Optional.of(first.sent(MessageId.of("m-first"))), store.findById(first.id()));
        assertEquals(Optional.of(second.failed("not_participant")), store.findById(second.id()));
        store.markSent(third.id(), MessageId.of("m-third"));
        assertEquals(
                List.of(notYet), store.claimDue(notYet.sendAt(), notYet.sendAt().plusSeconds(30), 10));
    }

    @Test
    void sentAndFailedAreFinal() {
        var message = schedule(alice, "once", T0);
        store.claimDue(T0, T0.plusSeconds(30), 10);
        store.markSent(message.id(), MessageId.of("m-1"));
        store.markSent(message.id(), MessageId.of("m-2"));
        store.markFailed(message.id(), "not_participant");

        assertEquals(Optional.of(message.sent(MessageId.of("m-1"))), store.findById(message.id()));
        assertEquals(List.of(), store.claimDue(T0.plusSeconds(60), T0.plusSeconds(90), 10));
        assertEquals(Optional.empty(), store.nextDueAt());
    }

    @Test
    void theNextDueTimeIsTheEarliestSendTimeOrLeaseEnd() {
        assertEquals(Optional.empty(), store.nextDueAt());
        schedule(alice, "later", T0.plusSeconds(90));
        var sooner = schedule(bob, "sooner", T0.plusSeconds(10));
        assertEquals(Optional.of(T0.plusSeconds(10)), store.nextDueAt());

        store.claimDue(T0.plusSeconds(10), T0.plusSeconds(40), 10);
        assertEquals(Optional.of(T0.plusSeconds(40)), store.nextDueAt());

        store.markSent(sooner.id(), MessageId.of("m-1"));
        assertEquals(Optional.of(T0.plusSeconds(90)), store.nextDueAt());
    }

    @Test
    void twoClaimersRacingForOneMessageOneWins() throws Exception {
        var message = schedule(alice, "contested", T0);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<ScheduledMessage>> claimer = () -> {
                start.await();
                return store.claimDue(T0, T0.plusSeconds(30), 10);
            };
            var first = pool.submit(claimer);
            var second = pool.submit(claimer);
            start.countDown();
            var won = new ArrayList<ScheduledMessage>();
            won.addAll(first.get());
            won.addAll(second.get());
            assertEquals(List.of(message), won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimersRacingForManyMessagesEachGetDistinctOnes() throws Exception {
        int count = messagesForRace();
        for (int i = 0; i < count; i++) {
            schedule(i % 2 == 0 ? alice : bob, "race " + i, T0.plusMillis(i));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            var start = new CountDownLatch(1);
            List<Callable<List<ScheduledMessage>>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(() -> {
                    start.await();
                    var mine = new ArrayList<ScheduledMessage>();
                    List<ScheduledMessage> batch;
                    while (!(batch = store.claimDue(T0.plusSeconds(60), T0.plusSeconds(90), 7)).isEmpty()) {
                        mine.addAll(batch);
                    }
                    return mine;
                });
            }
            var futures = claimers.stream().map(pool::submit).toList();
            start.countDown();
            var seen = new HashSet<ScheduledMessageId>();
            int total = 0;
            for (var future : futures) {
                for (ScheduledMessage message : future.get()) {
                    assertTrue(seen.add(message.id()), "claimed twice: " + message.id());
                    total++;
                }
            }
            assertEquals(count, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsClaimedAgain() {
        var message = schedule(alice, "crashed", T0);
        Duration lease = Duration.ofSeconds(30);
        assertEquals(List.of(message), store.claimDue(T0, T0.plus(lease), 10));

        assertEquals(
                List.of(),
                store.claimDue(T0.plus(lease).minusMillis(1), T0.plus(lease).plus(lease), 10));
        assertEquals(
                List.of(message), store.claimDue(T0.plus(lease), T0.plus(lease).plus(lease), 10));
        assertEquals(Optional.of(message), store.findById(message.id()));
    }

    /** How many messages the many-claimers race schedules; an adapter whose server scans every query may lower it. */
    protected int messagesForRace() {
        return 200;
    }
}
