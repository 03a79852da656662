package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.attached;
import static io.messaging.core.service.CoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.Messaging;
import io.messaging.core.audio.AudioFiles;
import io.messaging.core.memory.InMemoryPresenceRegistry;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.memory.ManualClock;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.SubscribeToPush;
import io.messaging.core.port.out.PushSender;
import io.messaging.core.port.out.Stores;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who gets a push, what it says, and how each delivery outcome is settled. */
class PushNotificationsTest {
    private static final String P256DH = Base64.getUrlEncoder().withoutPadding().encodeToString(point());
    private static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

    /** Answers each send with the next scripted delivery (Delivered once the script runs out), recording requests. */
    private static class ScriptedSender implements PushSender {
        final List<Request> requests = new ArrayList<>();
        final Deque<Delivery> script = new ArrayDeque<>();

        @Override
        public String applicationServerKey() {
            return "BApplicationServerKey";
        }

        @Override
        public Optional<String> refusal(String endpoint) {
            return endpoint.contains("private") ? Optional.of("a private address") : Optional.empty();
        }

        @Override
        public synchronized CompletionStage<Delivery> send(Request request) {
            requests.add(request);
            return CompletableFuture.completedFuture(script.isEmpty() ? new Delivery.Delivered() : script.poll());
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final ScriptedSender sender = new ScriptedSender();
    private final Stores stores = InMemoryStores.create();
    private final Messaging core = Messaging.builder()
            .clock(clock)
            .stores(stores)
            .pushSender(sender)
            .passwordHasher(new Pbkdf2PasswordHasher(1))
            .build();
    private final UserId alice = user("alice", "Alice A.");
    private final UserId bob = user("bob", "Bob B.");
    private final UserId carol = user("carol", "Carol C.");

    private static byte[] point() {
        byte[] point = new byte[65];
        point[0] = 4;
        return point;
    }

    private UserId user(String username, String displayName) {
        return core.registerUser()
                .register(new RegisterUser.Command(
                        username, username + "@example.com", "password-" + username, Optional.of(displayName)))
                .orElseThrow()
                .id();
    }

    private PushSubscription subscribe(UserId user, String endpoint) {
        return core.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(user, endpoint, P256DH, AUTH))
                .orElseThrow()
                .subscription();
    }

    private void send(UserId from, SendMessage.Target target, String text) {
        core.sendMessage().send(text(from, target, text)).orElseThrow();
    }

    private void deliver() {
        core.decidePushes().decidePending();
        core.dispatchPushes().dispatchDue();
    }

    @Test
    void anAwayRecipientGetsOneHighUrgencyPushPerSubscriptionAndTheSenderNone() {
        var phone = subscribe(bob, "https://push.example.com/bob-phone");
        var laptop = subscribe(bob, "https://push.example.com/bob-laptop");
        subscribe(alice, "https://push.example.com/alice");

        send(alice, new SendMessage.Target.ToUser(bob), "  lunch\nat noon?  ");
        deliver();

        assertEquals(
                Set.of(phone.id(), laptop.id()),
                sender.requests.stream().map(r -> r.subscription().id()).collect(Collectors.toSet()));
        assertEquals(2, sender.requests.size());
        var request = sender.requests.get(0);
        assertEquals("Alice A.", request.notification().title());
        assertEquals("lunch at noon?", request.notification().body());
        assertEquals("Alice A.", request.notification().senderName());
        assertEquals(alice, request.notification().senderId());
        assertEquals(1, request.notification().seq());
        assertEquals(PushUrgency.HIGH, request.urgency());
        assertEquals(Duration.ofDays(1), request.ttl());
        assertTrue(request.topic().matches("[A-Za-z0-9_-]{32}"));
        deliver();
        assertEquals(2, sender.requests.size());
    }

    @Test
    void aSubscriptionsPushesAreSentOneAfterTheOtherInTheOrderOfTheirMessages() {
        var held = new ArrayList<CompletableFuture<PushSender.Delivery>>();
        var holding = new ScriptedSender() {
            @Override
            public synchronized CompletionStage<Delivery> send(Request request) {
                requests.add(request);
                var delivery = new CompletableFuture<Delivery>();
                held.add(delivery);
                return delivery;
            }
        };
        var requests = holding.requests;
        var heldCore = Messaging.builder()
                .clock(clock)
                .stores(InMemoryStores.create())
                .pushSender(holding)
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .build();
        var from = heldCore.registerUser()
                .register(new RegisterUser.Command("dora", "dora@example.com", "password-dora", Optional.empty()))
                .orElseThrow()
                .id();
        var to = heldCore.registerUser()
                .register(new RegisterUser.Command("eddie", "eddie@example.com", "password-eddie", Optional.empty()))
                .orElseThrow()
                .id();
        heldCore.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(to, "https://push.example.com/eddie", P256DH, AUTH))
                .orElseThrow();
        for (String text : List.of("first", "second", "third")) {
            heldCore.sendMessage()
                    .send(text(from, new SendMessage.Target.ToUser(to), text))
                    .orElseThrow();
        }
        heldCore.decidePushes().decidePending();
        assertEquals(3, heldCore.dispatchPushes().dispatchDue());

        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, requests.size(), "one send at a time to a subscription");
            held.get(i).complete(new PushSender.Delivery.Delivered());
        }
        assertEquals(
                List.of("first", "second", "third"),
                requests.stream().map(r -> r.notification().body()).toList());
        assertEquals(0, heldCore.dispatchPushes().dispatchDue());
    }

    @Test
    void aVoiceMessagePushSaysSoWithItsDuration() {
        subscribe(bob, "https://push.example.com/bob-phone");
        var recording = core.uploadAttachment()
                .upload(alice, "audio/wav", new ByteArrayInputStream(AudioFiles.wav(7000)))
                .orElseThrow();
        core.sendMessage()
                .send(attached(
                        alice,
                        new SendMessage.Target.ToUser(bob),
                        MessageType.VOICE,
                        List.of(new Attachment(recording.id(), "audio/wav", recording.size(), Optional.empty())),
                        Optional.of(new VoiceNote(7000, List.of(0.5)))))
                .orElseThrow();
        deliver();

        assertEquals(
                "Voice message (0:07)", sender.requests.get(0).notification().body());
    }

    @Test
    void aDecisionMadeTwiceQueuesOnePush() {
        subscribe(bob, "https://push.example.com/bob");
        var deciding = new PushDeciding(
                stores.users(),
                stores.conversations(),
                stores.pushSubscriptions(),
                stores.pushQueue(),
                new InMemoryPresenceRegistry(),
                clock,
                PushSettings.DEFAULT);
        core.events().subscribe(deciding::handOver);

        send(alice, new SendMessage.Target.ToUser(bob), "hi");
        deciding.decidePending();
        deliver();
        deliver();

        assertEquals(1, sender.requests.size());
    }

    @Test
    void aRecipientWithALiveSocketGetsNoPush() {
        subscribe(bob, "https://push.example.com/bob");
        core.connect().connected(bob, "tab-1");

        send(alice, new SendMessage.Target.ToUser(bob), "hi");
        deliver();

        assertEquals(List.of(), sender.requests);
    }

    @Test
    void anEncryptedMessagePushSaysNewMessageAloneInADirectConversationAndInAGroup() {
        subscribe(bob, "https://push.example.com/bob-phone");
        var group = core.createGroup()
                .create(new CreateGroup.Command(alice, "Secret club", List.of(bob), true))
                .orElseThrow();
        var envelopes = Map.of("bob-phone", new Envelope(Envelope.Kind.PREKEY, "Y2lwaGVy"));
        for (SendMessage.Target target :
                List.of(new SendMessage.Target.ToUser(bob), new SendMessage.Target.ToConversation(group.id()))) {
            core.sendMessage()
                    .send(new SendMessage.Command(
                            alice,
                            target,
                            MessageType.ENCRYPTED,
                            "",
                            List.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            envelopes))
                    .orElseThrow();
        }
        deliver();

        assertEquals(
                List.of("New message", "New message"),
                sender.requests.stream().map(r -> r.notification().body()).toList());
        assertEquals(
                Set.of("Alice A.", "Secret club"),
                sender.requests.stream().map(r -> r.notification().title()).collect(Collectors.toSet()));
    }

    @Test
    void aGroupPushIsTitledWithTheGroupAndNamesTheSender() {
        subscribe(carol, "https://push.example.com/carol");
        var group = core.createGroup()
                .create(new CreateGroup.Command(alice, "Lunch club", List.of(bob, carol)))
                .orElseThrow();

        send(bob, new SendMessage.Target.ToConversation(group.id()), "x".repeat(300));
        deliver();

        var request = sender.requests.get(0);
        assertEquals("Lunch club", request.notification().title());
        assertTrue(request.notification().body().length() <= 120);
        assertTrue(request.notification().body().startsWith("Bob B.: xxx"));
        assertTrue(request.notification().body().endsWith("\u2026"));
        assertEquals(PushUrgency.NORMAL, request.urgency());
    }

    @Test
    void aGoneSubscriptionIsDeleted() {
        subscribe(bob, "https://push.example.com/bob");
        sender.script.add(new PushSender.Delivery.Gone());

        send(alice, new SendMessage.Target.ToUser(bob), "hi");
        deliver();

        assertEquals(List.of(), core.listPushSubscriptions().list(bob).orElseThrow());
    }

    @Test
    void aPassingFailureIsRetriedAfterRetryAfterOrBackoffThenDeliveredOnce() {
        subscribe(bob, "https://push.example.com/bob");
        sender.script.add(new PushSender.Delivery.RetryLater(Optional.of(Duration.ofSeconds(30)), "503"));
        sender.script.add(new PushSender.Delivery.RetryLater(Optional.empty(), "429"));

        send(alice, new SendMessage.Target.ToUser(bob), "hi");
        deliver();
        clock.advance(Duration.ofSeconds(29));
        deliver();
        assertEquals(1, sender.requests.size());
        clock.advance(Duration.ofSeconds(1));
        deliver();
        assertEquals(2, sender.requests.size());
        clock.advance(PushDispatching.backoff(1));
        deliver();
        clock.advance(Duration.ofMinutes(10));
        deliver();

        assertEquals(3, sender.requests.size());
        assertEquals(Duration.ofDays(1).minusSeconds(32), sender.requests.get(2).ttl());
    }

    @Test
    void aRetryPastTheTimeToLiveIsGivenUp() {
        subscribe(bob, "https://push.example.com/bob");
        sender.script.add(new PushSender.Delivery.RetryLater(Optional.of(Duration.ofDays(2)), "503"));

        send(alice, new SendMessage.Target.ToUser(bob), "hi");
        deliver();
        clock.advance(Duration.ofDays(3));
        deliver();

        assertEquals(1, sender.requests.size());
    }

    @Test
    void subscriptionsAreValidatedLimitedAndOwned() {
        var refused = core.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(bob, "https://private.example/x", P256DH, AUTH));
        var badKey = core.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(bob, "https://push.example.com/x", AUTH, AUTH));
        var notAUrl = core.subscribeToPush().subscribe(new SubscribeToPush.Command(bob, "ftp://x/y", P256DH, AUTH));
        assertEquals(ErrorCode.VALIDATION_FAILED, ((Outcome.Failure<?>) refused).code());
        assertEquals(ErrorCode.VALIDATION_FAILED, ((Outcome.Failure<?>) badKey).code());
        assertEquals(ErrorCode.VALIDATION_FAILED, ((Outcome.Failure<?>) notAUrl).code());

        var first = subscribe(bob, "https://push.example.com/0");
        for (int i = 1; i < PushSettings.DEFAULT.maxSubscriptionsPerUser(); i++) {
            subscribe(bob, "https://push.example.com/" + i);
        }
        var tooMany = core.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(bob, "https://push.example.com/one-more", P256DH, AUTH));
        assertEquals(ErrorCode.CONFLICT, ((Outcome.Failure<?>) tooMany).code());
        var again = core.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(bob, first.endpoint(), P256DH, AUTH))
                .orElseThrow();
        assertFalse(again.created());
        assertEquals(first.id(), again.subscription().id());

        assertEquals(
                ErrorCode.NOT_FOUND,
                ((Outcome.Failure<?>) core.unsubscribeFromPush().unsubscribe(alice, first.id())).code());
        assertTrue(core.unsubscribeFromPush().unsubscribe(bob, first.id()).isOk());
        assertEquals(19, core.listPushSubscriptions().list(bob).orElseThrow().size());
    }

    @Test
    void withoutASenderPushIsUnavailable() {
        var plain =
                Messaging.builder().passwordHasher(new Pbkdf2PasswordHasher(1)).build();
        var outcome = plain.subscribeToPush()
                .subscribe(new SubscribeToPush.Command(bob, "https://push.example.com/x", P256DH, AUTH));

        assertEquals(ErrorCode.UNAVAILABLE, ((Outcome.Failure<?>) outcome).code());
        assertEquals(Optional.empty(), plain.subscribeToPush().applicationServerKey());
        assertEquals(0, plain.decidePushes().decidePending());
    }

    @Test
    void aLongGroupPreviewIsCutToTheLimit() {
        var longName = user("longname", "N".repeat(60));
        subscribe(carol, "https://push.example.com/carol");
        var group = core.createGroup()
                .create(new CreateGroup.Command(longName, "Club", List.of(carol)))
                .orElseThrow();

        send(longName, new SendMessage.Target.ToConversation(group.id()), "y".repeat(300));
        deliver();

        assertEquals(120, sender.requests.get(0).notification().body().length());
    }

    @Test
    void previewsAreCutOnCharacterBoundaries() {
        assertEquals("ab\u2026", PushDeciding.shorten("abcdef", 3));
        assertEquals("a\u2026", PushDeciding.shorten("a\uD83D\uDE00bc", 3));
        assertEquals("a b", PushDeciding.shorten("a \n b", 10).replace("  ", " "));
    }
}
