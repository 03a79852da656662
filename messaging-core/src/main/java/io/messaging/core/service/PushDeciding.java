package io.messaging.core.service;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessagePreview;
import io.messaging.core.model.PushJob;
import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.DecidePushes;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.PushQueue;
import io.messaging.core.port.out.PushSubscriptions;
import io.messaging.core.port.out.Users;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides who gets a push for each stored message: the participants but the sender who have no live socket, one
 * push per subscription, queued durably. The message path only hands its events over ({@link #handOver}); the
 * decision runs on the push worker.
 */
public final class PushDeciding implements DecidePushes {
    private static final System.Logger LOG = System.getLogger(PushDeciding.class.getName());
    private static final int DRAIN_MAX = 1000;
    /** Topics are at most 32 base64url characters (RFC 8030, section 5.4): 24 bytes of a hash. */
    private static final int TOPIC_BYTES = 24;

    private final Users users;
    private final Conversations conversations;
    private final PushSubscriptions subscriptions;
    private final PushQueue queue;
    private final PresenceRegistry presence;
    private final Clock clock;
    private final PushSettings settings;
    private final BlockingQueue<DomainEvent.MessageCreated> handedOver;
    private final AtomicLong dropped = new AtomicLong();

    public PushDeciding(
            Users users,
            Conversations conversations,
            PushSubscriptions subscriptions,
            PushQueue queue,
            PresenceRegistry presence,
            Clock clock,
            PushSettings settings) {
        this.users = users;
        this.conversations = conversations;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.presence = presence;
        this.clock = clock;
        this.settings = settings;
        this.handedOver = new ArrayBlockingQueue<>(settings.handOverCapacity());
    }

    /**
     * Takes a published event for the worker, without waiting: the subscriber of the event bus. When the worker is
     * so far behind that the hand-over is full, the message gets no push (and that is logged).
     */
    public void handOver(DomainEvent event) {
        if (event instanceof DomainEvent.MessageCreated created
                && created.participantIds().size() > 1
                && !handedOver.offer(created)) {
            long total = dropped.incrementAndGet();
            if (Long.bitCount(total) == 1) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "push decisions are behind: " + total + " messages got no push so far");
            }
        }
    }

    @Override
    public int decidePending() {
        var batch = new ArrayList<DomainEvent.MessageCreated>();
        handedOver.drainTo(batch, DRAIN_MAX);
        int queued = 0;
        for (var created : batch) {
            try {
                queued += decide(created.message(), created.participantIds());
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "could not queue the pushes of message "
                                + created.message().id(),
                        e);
            }
        }
        return queued;
    }

    private int decide(Message message, List<UserId> participantIds) {
        var away = new LinkedHashSet<>(participantIds);
        away.remove(message.senderId());
        away.removeAll(presence.onlineAmong(away));
        if (away.isEmpty()) {
            return 0;
        }
        List<PushSubscription> targets = subscriptions.ofUsers(away);
        if (targets.isEmpty()) {
            return 0;
        }
        Optional<Conversation> conversation = conversations.findById(message.conversationId());
        boolean group =
                conversation.map(c -> c.type() == ConversationType.GROUP).orElse(participantIds.size() > 2);
        PushNotification notification = notification(message, conversation, group);
        Instant now = clock.now();
        String topic = topic(message.conversationId());
        var jobs = targets.stream()
                .map(target -> new PushJob(
                        jobId(message, target),
                        target.id(),
                        notification,
                        group ? PushUrgency.NORMAL : PushUrgency.HIGH,
                        topic,
                        now,
                        now.plus(settings.ttl()),
                        0))
                .toList();
        queue.enqueue(jobs);
        return jobs.size();
    }

    private PushNotification notification(Message message, Optional<Conversation> conversation, boolean group) {
        String senderName = users.findById(message.senderId())
                .map(account -> account.user())
                .map(User::displayName)
                .orElse("Someone");
        String preview = MessagePreview.of(message);
        String title = group ? conversation.flatMap(Conversation::title).orElse("Group") : senderName;
        // an encrypted message's body is the fixed text alone, in a group too
        String body = shorten(
                group && !message.encrypted() ? senderName + ": " + preview : preview, settings.previewLength());
        return new PushNotification(
                message.conversationId(), message.id(), message.seq(), message.senderId(), senderName, title, body);
    }

    /** The text cut to at most {@code max} characters (an ellipsis marks a cut), never inside a surrogate pair. */
    static String shorten(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end) + "\u2026";
    }

    /**
     * One job per message and subscription, whoever decides it: queuing is idempotent per job id, so a decision
     * made twice (a retry, or every node of a distributed event bus) queues one push.
     */
    static String jobId(Message message, PushSubscription target) {
        return message.id().value() + "." + target.id().value();
    }

    /** A conversation's push topic: a hash, so the push service learns no conversation id. */
    static String topic(ConversationId conversationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(conversationId.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, TOPIC_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
