package io.messaging.core.service;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.UserAccount;
import io.messaging.core.port.in.DispatchScheduled;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends the scheduled messages that are due: claims a batch with a lease, sends each through {@link SendMessage}
 * (the same use case as any message: validation, membership, seq, idempotency, events) under a
 * {@code clientMessageId} derived from the scheduled message, and records the outcome. A dispatcher that dies after
 * claiming leaves its claims to expire; whoever claims them next sends them, and a message that was in fact sent
 * comes back as the stored duplicate, so it is sent once.
 */
public final class ScheduledDispatch implements DispatchScheduled {
    private static final System.Logger LOG = System.getLogger(ScheduledDispatch.class.getName());
    /** How many due messages one claim takes. */
    static final int BATCH = 500;

    private final ScheduledMessages scheduled;
    private final SendMessage sender;
    private final Users users;
    private final Conversations conversations;
    private final EventBus events;
    private final Clock clock;
    private final Duration lease;

    public ScheduledDispatch(
            ScheduledMessages scheduled,
            SendMessage sender,
            Users users,
            Conversations conversations,
            EventBus events,
            Clock clock,
            Duration lease) {
        this.scheduled = scheduled;
        this.sender = sender;
        this.users = users;
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public int dispatchDue(Executor executor) {
        int handled = 0;
        while (true) {
            Instant now = clock.now();
            List<ScheduledMessage> batch = scheduled.claimDue(now, now.plus(lease), BATCH);
            if (batch.isEmpty()) {
                return handled;
            }
            var sends = new ArrayList<CompletableFuture<Boolean>>(batch.size());
            for (ScheduledMessage message : batch) {
                sends.add(CompletableFuture.supplyAsync(() -> dispatch(message), executor));
            }
            int done = 0;
            for (var send : sends) {
                done += send.join() ? 1 : 0;
            }
            handled += done;
            if (done == 0) {
                return handled;
            }
        }
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return scheduled.nextDueAt();
    }

    /** Sends one claimed message; true once its outcome is recorded, false when it is left for a later claim. */
    private boolean dispatch(ScheduledMessage message) {
        try {
            var outcome = sender.send(ScheduledMessaging.asSend(message, message.content()));
            ScheduledMessage result;
            if (outcome instanceof Outcome.Success<SendMessage.Sent> sent) {
                scheduled.markSent(message.id(), sent.value().message().id());
                result = message.sent(sent.value().message().id());
            } else {
                var failure = (Outcome.Failure<SendMessage.Sent>) outcome;
                if (failure.code() == ErrorCode.UNAVAILABLE) {
                    return false;
                }
                String reason = failureOf(message, failure.code());
                scheduled.markFailed(message.id(), reason);
                result = message.failed(reason);
            }
            events.publish(new DomainEvent.ScheduledMessageChanged(result));
            return true;
        } catch (StoreException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "scheduled message " + message.id() + " left for a later attempt: " + e.getMessage());
            return false;
        }
    }

    /** Why a send was refused: the sender left, the recipient is gone, or else the send's own error code. */
    private String failureOf(ScheduledMessage message, ErrorCode code) {
        if (code == ErrorCode.NOT_FOUND) {
            if (message.conversationId().isPresent()
                    && conversations
                            .findById(message.conversationId().get())
                            .filter(conversation -> conversation.hasParticipant(message.senderId()))
                            .isEmpty()) {
                return "not_participant";
            }
            if (message.recipientId().isPresent()
                    && users.findById(message.recipientId().get())
                            .map(UserAccount::user)
                            .filter(user -> user.active())
                            .isEmpty()) {
                return "recipient_unavailable";
            }
        }
        return code.wireCode();
    }
}
