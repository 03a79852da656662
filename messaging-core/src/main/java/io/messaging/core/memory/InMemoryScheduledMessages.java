package io.messaging.core.memory;

import io.messaging.core.model.MessageId;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ScheduledMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Scheduled messages in memory, for one process: every method holds the one lock, so claims are atomic. */
public final class InMemoryScheduledMessages implements ScheduledMessages {
    private static final Comparator<Entry> SOONEST = Comparator.comparing(Entry::availableAt)
            .thenComparing(entry -> entry.message().id().value());

    /** A stored message, when it is next due (its send time, or the end of its lease), and whether it was claimed. */
    private record Entry(ScheduledMessage message, Instant availableAt, boolean claimed) {
        boolean changeable() {
            return message.status() == ScheduledStatus.SCHEDULED && !claimed;
        }
    }

    private final Map<ScheduledMessageId, Entry> byId = new HashMap<>();

    @Override
    public synchronized ScheduledMessage insert(ScheduledMessage message) {
        if (message.clientMessageId().isPresent()) {
            var earlier = byId.values().stream()
                    .map(Entry::message)
                    .filter(stored -> stored.senderId().equals(message.senderId())
                            && stored.clientMessageId().equals(message.clientMessageId()))
                    .findFirst();
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        return byId.computeIfAbsent(message.id(), id -> new Entry(message, message.sendAt(), false))
                .message();
    }

    @Override
    public synchronized Optional<ScheduledMessage> findById(ScheduledMessageId id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::message);
    }

    @Override
    public synchronized List<ScheduledMessage> listBySender(UserId senderId, Set<ScheduledStatus> statuses) {
        return byId.values().stream()
                .map(Entry::message)
                .filter(message -> message.senderId().equals(senderId) && statuses.contains(message.status()))
                .sorted(Comparator.comparing(ScheduledMessage::sendAt)
                        .thenComparing(message -> message.id().value()))
                .toList();
    }

    @Override
    public synchronized Optional<ScheduledMessage> reschedule(ScheduledMessageId id, String content, Instant sendAt) {
        return change(id, message -> message.rescheduled(content, sendAt));
    }

    @Override
    public synchronized Optional<ScheduledMessage> cancel(ScheduledMessageId id) {
        return change(id, ScheduledMessage::cancelled);
    }

    private Optional<ScheduledMessage> change(ScheduledMessageId id, UnaryOperator<ScheduledMessage> change) {
        Entry entry = byId.get(id);
        if (entry == null || !entry.changeable()) {
            return Optional.empty();
        }
        ScheduledMessage changed = change.apply(entry.message());
        byId.put(id, new Entry(changed, changed.sendAt(), false));
        return Optional.of(changed);
    }

    @Override
    public synchronized List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Entry> due = byId.values().stream()
                .filter(entry -> entry.message().status() == ScheduledStatus.SCHEDULED
                        && !entry.availableAt().isAfter(now))
                .sorted(SOONEST)
                .limit(limit)
                .toList();
        var claimed = new ArrayList<ScheduledMessage>(due.size());
        for (Entry entry : due) {
            byId.put(entry.message().id(), new Entry(entry.message(), leaseUntil, true));
            claimed.add(entry.message());
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return byId.values().stream()
                .filter(entry -> entry.message().status() == ScheduledStatus.SCHEDULED)
                .map(Entry::availableAt)
                .min(Comparator.naturalOrder());
    }

    @Override
    public synchronized void markSent(ScheduledMessageId id, MessageId messageId) {
        complete(id, message -> message.sent(messageId));
    }

    @Override
    public synchronized void markFailed(ScheduledMessageId id, String failure) {
        complete(id, message -> message.failed(failure));
    }

    private void complete(ScheduledMessageId id, UnaryOperator<ScheduledMessage> outcome) {
        Entry entry = byId.get(id);
        if (entry != null && entry.message().status() == ScheduledStatus.SCHEDULED) {
            byId.put(id, new Entry(outcome.apply(entry.message()), entry.availableAt(), true));
        }
    }
}
