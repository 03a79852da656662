package io.messaging.core.model;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A direct or group conversation and who takes part in it; an {@code encrypted} one accepts only end-to-end encrypted
 * messages, for good (encryption is never turned off).
 */
public record Conversation(
        ConversationId id,
        ConversationType type,
        Optional<String> title,
        List<UserId> participantIds,
        UserId createdBy,
        Instant createdAt,
        Optional<Instant> lastMessageAt,
        boolean encrypted) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        participantIds = List.copyOf(new LinkedHashSet<>(participantIds));
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        if (type == ConversationType.DIRECT && participantIds.size() != 2) {
            throw new IllegalArgumentException("a direct conversation has exactly two participants");
        }
    }

    /** A conversation that is not encrypted. */
    public Conversation(
            ConversationId id,
            ConversationType type,
            Optional<String> title,
            List<UserId> participantIds,
            UserId createdBy,
            Instant createdAt,
            Optional<Instant> lastMessageAt) {
        this(id, type, title, participantIds, createdBy, createdAt, lastMessageAt, false);
    }

    /** A new direct conversation between two distinct users. */
    public static Conversation direct(ConversationId id, UserId first, UserId second, Instant createdAt) {
        return new Conversation(
                id,
                ConversationType.DIRECT,
                Optional.empty(),
                List.of(first, second),
                first,
                createdAt,
                Optional.empty());
    }

    /** Whether the user takes part in this conversation. */
    public boolean hasParticipant(UserId userId) {
        return participantIds.contains(userId);
    }

    /** When anything last happened here: the last message, or the creation. */
    public Instant lastActivityAt() {
        return lastMessageAt.orElse(createdAt);
    }

    /** The other participant of a direct conversation, seen from {@code me}. */
    public Optional<UserId> otherParticipant(UserId me) {
        if (type != ConversationType.DIRECT) {
            return Optional.empty();
        }
        return participantIds.stream().filter(id -> !id.equals(me)).findFirst();
    }

    /** This conversation with the given participants added (kept in order, no duplicates). */
    public Conversation withParticipantsAdded(Collection<UserId> added) {
        var all = new LinkedHashSet<>(participantIds);
        all.addAll(added);
        return new Conversation(id, type, title, List.copyOf(all), createdBy, createdAt, lastMessageAt, encrypted);
    }

    /** This conversation without the given participant. */
    public Conversation withParticipantRemoved(UserId removed) {
        var all = new LinkedHashSet<>(participantIds);
        all.remove(removed);
        return new Conversation(id, type, title, List.copyOf(all), createdBy, createdAt, lastMessageAt, encrypted);
    }

    /** This conversation with its last message time moved to {@code at} (never backwards). */
    public Conversation withLastMessageAt(Instant at) {
        Instant latest = lastMessageAt.filter(current -> current.isAfter(at)).orElse(at);
        return new Conversation(id, type, title, participantIds, createdBy, createdAt, Optional.of(latest), encrypted);
    }

    /** This conversation with end-to-end encryption on. */
    public Conversation withEncryption() {
        return new Conversation(id, type, title, participantIds, createdBy, createdAt, lastMessageAt, true);
    }

    /** The key that makes a direct conversation unique per pair of users, whatever their order. */
    public static String directKey(UserId first, UserId second) {
        return first.value().compareTo(second.value()) <= 0
                ? first.value() + ":" + second.value()
                : second.value() + ":" + first.value();
    }
}
