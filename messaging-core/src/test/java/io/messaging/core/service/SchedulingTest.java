package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static io.messaging.core.service.CoreFixture.attached;
import static io.messaging.core.service.CoreFixture.retriable;
import static io.messaging.core.service.CoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.Messaging;
import io.messaging.core.memory.InMemoryScheduledMessages;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.memory.InProcessEventBus;
import io.messaging.core.memory.ManualClock;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Scheduled messages with a hand-moved clock, on two cores ("nodes") that share one set of stores, the scheduled
 * message store and the event bus, as two servers share a database.
 */
class SchedulingTest {
    private static final Executor HERE = Runnable::run;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final Stores stores = InMemoryStores.create();
    private final ScheduledMessages scheduledStore = new InMemoryScheduledMessages();
    private final InProcessEventBus bus = new InProcessEventBus();
    private final Messaging node = node();
    private final Messaging otherNode = node();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final UserId alice = user("alice");
    private final UserId bob = user("bob");

    SchedulingTest() {
        bus.subscribe(events::add);
    }

    private Messaging node() {
        return Messaging.builder()
                .clock(clock)
                .stores(stores)
                .scheduledMessages(scheduledStore)
                .eventBus(bus)
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .scheduledLease(LEASE)
                .build();
    }

    private UserId user(String name) {
        return node.registerUser()
                .register(new RegisterUser.Command(name, name + "@example.com", "password-" + name, Optional.empty()))
                .orElseThrow()
                .id();
    }

    private ScheduledMessage scheduleTo(UserId sender, SendMessage.Target target, String content, Duration ahead) {
        return node.scheduleMessage()
                .schedule(new ScheduleMessage.Command(
                        text(sender, target, content), clock.now().plus(ahead)))
                .orElseThrow()
                .scheduled();
    }

    private ScheduledMessage scheduleToBob(String content, Duration ahead) {
        return scheduleTo(alice, new SendMessage.Target.ToUser(bob), content, ahead);
    }

    private List<Message> history(UserId viewer, ConversationId conversationId) {
        return node.listHistory()
                .list(new ListHistory.Query(viewer, conversationId, 100, Optional.empty(), Optional.of(0L)))
                .orElseThrow()
                .items();
    }

    private ScheduledMessage current(ScheduledMessage message) {
        return scheduledStore.findById(message.id()).orElseThrow();
    }

    private List<Message> created() {
        return events.stream()
                .filter(DomainEvent.MessageCreated.class::isInstance)
                .map(event -> ((DomainEvent.MessageCreated) event).message())
                .toList();
    }

    @Test
    void aMessageIsSentAtItsTimeNotBefore() {
        var scheduled = scheduleToBob("see you at ten", Duration.ofHours(1));

        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertEquals(0, node.dispatchScheduled().dispatchDue(HERE));
        assertEquals(List.of(), created());
        assertEquals(Optional.of(scheduled.sendAt()), node.dispatchScheduled().nextDueAt());

        clock.advance(Duration.ofMillis(1));
        assertEquals(1, node.dispatchScheduled().dispatchDue(HERE));

        Message sent = created().get(0);
        assertEquals(Optional.of(scheduled.id()), sent.scheduledMessageId());
        assertEquals(Optional.of("see you at ten"), sent.content());
        assertEquals(alice, sent.senderId());
        assertEquals(1L, sent.seq());
        assertEquals(clock.now(), sent.createdAt());
        assertEquals(List.of(sent), history(bob, sent.conversationId()));
        assertEquals(scheduled.sent(sent.id()), current(scheduled));
        assertEquals(0, node.dispatchScheduled().dispatchDue(HERE));
        assertEquals(Optional.empty(), node.dispatchScheduled().nextDueAt());
    }

    @Test
    void theRecipientLearnsNothingUntilItIsSent() {
        var scheduled = scheduleToBob("surprise", Duration.ofMinutes(5));

        assertEquals(List.of(new DomainEvent.ScheduledMessageChanged(scheduled)), events);
        assertFailure(ErrorCode.NOT_FOUND, node.findDirectConversation().find(bob, alice));
        assertEquals(
                List.of(),
                node.listScheduledMessages()
                        .list(bob, EnumSet.allOf(ScheduledStatus.class))
                        .orElseThrow());
        assertFailure(
                ErrorCode.NOT_FOUND,
                node.editScheduledMessage().edit(bob, scheduled.id(), Optional.of("changed"), Optional.empty()));
        assertFailure(ErrorCode.NOT_FOUND, node.cancelScheduledMessage().cancel(bob, scheduled.id()));
        assertEquals(
                List.of(scheduled),
                node.listScheduledMessages()
                        .list(alice, EnumSet.of(ScheduledStatus.SCHEDULED))
                        .orElseThrow());
    }

    @Test
    void aScheduleIsCheckedLikeASend() {
        var conversation = new SendMessage.Target.ToUser(bob);
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(text(alice, conversation, "now"), clock.now())));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                text(alice, conversation, "too far"),
                                clock.now().plus(Duration.ofDays(366)))));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                text(alice, conversation, "  "), clock.now().plusSeconds(60))));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                text(alice, new SendMessage.Target.ToUser(alice), "me"),
                                clock.now().plusSeconds(60))));
        assertFailure(
                ErrorCode.NOT_FOUND,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                text(alice, new SendMessage.Target.ToUser(UserId.of("nobody")), "hi"),
                                clock.now().plusSeconds(60))));
        var theirs = node.createGroup()
                .create(new CreateGroup.Command(bob, "Bob's", List.of(user("carol"))))
                .orElseThrow();
        assertFailure(
                ErrorCode.NOT_FOUND,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                text(alice, new SendMessage.Target.ToConversation(theirs.id()), "let me in"),
                                clock.now().plusSeconds(60))));
        assertEquals(
                List.of(),
                events.stream()
                        .filter(DomainEvent.ScheduledMessageChanged.class::isInstance)
                        .toList());

        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                attached(alice, conversation, MessageType.VOICE, List.of(), Optional.empty()),
                                clock.now().plusSeconds(60))));
        var almostAYear = scheduleToBob("next year", Duration.ofDays(365));
        assertEquals(ScheduledStatus.SCHEDULED, almostAYear.status());
    }

    @Test
    void theSameClientIdSchedulesOnce() {
        var command = new ScheduleMessage.Command(
                retriable(alice, new SendMessage.Target.ToUser(bob), "once", "client-1"),
                clock.now().plusSeconds(60));
        var first = node.scheduleMessage().schedule(command).orElseThrow();
        var retry = otherNode.scheduleMessage().schedule(command).orElseThrow();

        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.scheduled(), retry.scheduled());
        assertEquals(
                1,
                node.listScheduledMessages()
                        .list(alice, EnumSet.allOf(ScheduledStatus.class))
                        .orElseThrow()
                        .size());
    }

    @Test
    void anEditChangesWhatIsSentAndWhen() {
        var scheduled = scheduleToBob("draft", Duration.ofMinutes(10));

        var edited = node.editScheduledMessage()
                .edit(
                        alice,
                        scheduled.id(),
                        Optional.of("final"),
                        Optional.of(clock.now().plus(Duration.ofMinutes(20))))
                .orElseThrow();
        assertEquals(scheduled.rescheduled("final", clock.now().plus(Duration.ofMinutes(20))), edited);
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.editScheduledMessage().edit(alice, scheduled.id(), Optional.of(""), Optional.empty()));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                node.editScheduledMessage()
                        .edit(
                                alice,
                                scheduled.id(),
                                Optional.empty(),
                                Optional.of(clock.now().minusSeconds(1))));

        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, node.dispatchScheduled().dispatchDue(HERE));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, node.dispatchScheduled().dispatchDue(HERE));

        assertEquals(
                List.of(Optional.of("final")),
                created().stream().map(Message::content).toList());
        assertFailure(
                ErrorCode.CONFLICT,
                node.editScheduledMessage().edit(alice, scheduled.id(), Optional.of("too late"), Optional.empty()));
        assertFailure(ErrorCode.CONFLICT, node.cancelScheduledMessage().cancel(alice, scheduled.id()));
    }

    @Test
    void aCancelledMessageIsNeverSent() {
        var scheduled = scheduleToBob("never mind", Duration.ofMinutes(1));

        var cancelled =
                node.cancelScheduledMessage().cancel(alice, scheduled.id()).orElseThrow();
        assertEquals(ScheduledStatus.CANCELLED, cancelled.status());
        assertFailure(ErrorCode.CONFLICT, node.cancelScheduledMessage().cancel(alice, scheduled.id()));
        clock.advance(Duration.ofMinutes(2));

        assertEquals(0, node.dispatchScheduled().dispatchDue(HERE));
        assertEquals(List.of(), created());
        assertEquals(
                List.of(),
                node.listScheduledMessages()
                        .list(alice, EnumSet.of(ScheduledStatus.SCHEDULED))
                        .orElseThrow());
        assertEquals(
                List.of(cancelled),
                node.listScheduledMessages()
                        .list(alice, EnumSet.of(ScheduledStatus.CANCELLED))
                        .orElseThrow());
    }

    @Test
    void aSenderWhoLeftTheGroupFailsAndNothingIsSent() {
        var carol = user("carol");
        var group = node.createGroup()
                .create(new CreateGroup.Command(bob, "Team", List.of(alice, carol)))
                .orElseThrow();
        var scheduled = scheduleTo(
                alice, new SendMessage.Target.ToConversation(group.id()), "for the team", Duration.ofMinutes(1));
        node.removeParticipant().remove(bob, group.id(), alice).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(1, node.dispatchScheduled().dispatchDue(HERE));

        assertEquals(scheduled.failed("not_participant"), current(scheduled));
        assertEquals(List.of(), created());
        assertEquals(List.of(), history(bob, group.id()));
        assertTrue(events.contains(new DomainEvent.ScheduledMessageChanged(scheduled.failed("not_participant"))));
    }

    @Test
    void anEncryptedConversationTakesNoScheduleAndOneEncryptedLaterFailsItsPlainMessage() {
        var group = node.createGroup()
                .create(new CreateGroup.Command(alice, "Team", List.of(bob)))
                .orElseThrow();
        var target = new SendMessage.Target.ToConversation(group.id());
        var scheduled = scheduleTo(alice, target, "plain, for later", Duration.ofMinutes(1));
        node.encryptConversation().encrypt(bob, group.id()).orElseThrow();

        var refused = node.scheduleMessage()
                .schedule(new ScheduleMessage.Command(
                        text(alice, target, "more"), clock.now().plus(Duration.ofMinutes(2))));
        assertEquals(ErrorCode.ENCRYPTION_REQUIRED, ((Outcome.Failure<?>) refused).code());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, node.dispatchScheduled().dispatchDue(HERE));

        assertEquals(scheduled.failed("encryption_required"), current(scheduled));
        assertEquals(List.of(), history(bob, group.id()));
    }

    @Test
    void twoDispatchersRacingSendEachMessageOnce() throws Exception {
        var group = node.createGroup()
                .create(new CreateGroup.Command(alice, "Team", List.of(bob)))
                .orElseThrow();
        for (int i = 0; i < 100; i++) {
            scheduleTo(
                    i % 2 == 0 ? alice : bob,
                    new SendMessage.Target.ToConversation(group.id()),
                    "m" + i,
                    Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofSeconds(10));
        var pool = Executors.newFixedThreadPool(8);
        try {
            var start = new CountDownLatch(1);
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return node.dispatchScheduled().dispatchDue(pool);
            });
            Future<Integer> second = pool.submit(() -> {
                start.await();
                return otherNode.dispatchScheduled().dispatchDue(pool);
            });
            start.countDown();
            assertEquals(100, first.get() + second.get());
        } finally {
            pool.shutdown();
        }

        var messages = history(alice, group.id());
        assertEquals(
                LongStream.rangeClosed(1, 100).boxed().toList(),
                messages.stream().map(Message::seq).toList());
        assertEquals(
                100,
                messages.stream().map(Message::scheduledMessageId).distinct().count());
        assertEquals(100, created().size());
    }

    @Test
    void aClaimLeftByADeadDispatcherIsSentOnceItsLeaseEnds() {
        var scheduled = scheduleToBob("after the crash", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(
                1,
                scheduledStore
                        .claimDue(clock.now(), clock.now().plus(LEASE), 10)
                        .size());

        assertEquals(0, otherNode.dispatchScheduled().dispatchDue(HERE));
        assertEquals(
                Optional.of(clock.now().plus(LEASE)),
                otherNode.dispatchScheduled().nextDueAt());
        clock.advance(LEASE);
        assertEquals(1, otherNode.dispatchScheduled().dispatchDue(HERE));

        assertEquals(1, created().size());
        assertEquals(ScheduledStatus.SENT, current(scheduled).status());
    }

    @Test
    void aDispatcherThatDiedAfterSendingLeavesOneMessage() {
        var scheduled = scheduleToBob("sent, then the crash", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        var claimed = scheduledStore
                .claimDue(clock.now(), clock.now().plus(LEASE), 10)
                .get(0);
        Message sentBeforeTheCrash = node.sendMessage()
                .send(ScheduledMessaging.asSend(claimed, claimed.content()))
                .orElseThrow()
                .message();

        clock.advance(LEASE);
        assertEquals(1, otherNode.dispatchScheduled().dispatchDue(HERE));

        assertEquals(List.of(sentBeforeTheCrash), created());
        assertEquals(List.of(sentBeforeTheCrash), history(bob, sentBeforeTheCrash.conversationId()));
        assertEquals(scheduled.sent(sentBeforeTheCrash.id()), current(scheduled));
    }

    @Test
    void listingDefaultsToWhatIsStillScheduled() {
        var later = scheduleToBob("later", Duration.ofMinutes(30));
        var sooner = scheduleToBob("sooner", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        node.dispatchScheduled().dispatchDue(HERE);

        assertEquals(
                List.of(later),
                node.listScheduledMessages()
                        .list(alice, Set.of(ScheduledStatus.SCHEDULED))
                        .orElseThrow());
        assertEquals(
                List.of(current(sooner), later),
                node.listScheduledMessages()
                        .list(alice, EnumSet.allOf(ScheduledStatus.class))
                        .orElseThrow());
    }
}
