package io.messaging.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Something that happened, published after it was stored. Each event names its audience (the participants or
 * contacts concerned) so that a subscriber never has to query a store to route it.
 */
public sealed interface DomainEvent {

    /** A new message was stored; {@code originConnectionId} is the real-time connection that sent it, if any. */
    record MessageCreated(Message message, List<UserId> participantIds, Optional<String> originConnectionId)
            implements DomainEvent {
        public MessageCreated {
            Objects.requireNonNull(message, "message");
            participantIds = List.copyOf(participantIds);
            Objects.requireNonNull(originConnectionId, "originConnectionId");
        }
    }

    /** A message was edited or its reactions changed. */
    record MessageUpdated(Message message, List<UserId> participantIds) implements DomainEvent {
        public MessageUpdated {
            Objects.requireNonNull(message, "message");
            participantIds = List.copyOf(participantIds);
        }
    }

    /** A message was soft-deleted. */
    record MessageDeleted(ConversationId conversationId, MessageId messageId, List<UserId> participantIds)
            implements DomainEvent {
        public MessageDeleted {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(messageId, "messageId");
            participantIds = List.copyOf(participantIds);
        }
    }

    /** A user read messages: the listed ones, or everything up to one message. */
    record MessagesRead(
            ConversationId conversationId,
            UserId readerId,
            List<MessageId> messageIds,
            Optional<MessageId> upToMessageId,
            Instant readAt,
            List<UserId> participantIds)
            implements DomainEvent {
        public MessagesRead {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(readerId, "readerId");
            messageIds = List.copyOf(messageIds);
            Objects.requireNonNull(upToMessageId, "upToMessageId");
            Objects.requireNonNull(readAt, "readAt");
            participantIds = List.copyOf(participantIds);
        }
    }

    /** A user started or stopped typing in a conversation (stopping includes expiry). */
    record TypingChanged(ConversationId conversationId, UserId userId, boolean typing, List<UserId> participantIds)
            implements DomainEvent {
        public TypingChanged {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(userId, "userId");
            participantIds = List.copyOf(participantIds);
        }
    }

    /** A user came online (first live session) or went offline (last session ended). */
    record PresenceChanged(UserId userId, boolean online, Optional<Instant> lastSeenAt, Set<UserId> contactIds)
            implements DomainEvent {
        public PresenceChanged {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
            contactIds = Set.copyOf(contactIds);
        }
    }

    /** A conversation was created or its participants changed; {@code removedIds} lost access. */
    record ConversationChanged(Conversation conversation, List<UserId> removedIds) implements DomainEvent {
        public ConversationChanged {
            Objects.requireNonNull(conversation, "conversation");
            removedIds = List.copyOf(removedIds);
        }
    }

    /**
     * A scheduled message was scheduled, changed, cancelled, sent or failed. Its audience is its sender alone: the
     * recipients learn of it only when its message is sent ({@link MessageCreated}).
     */
    record ScheduledMessageChanged(ScheduledMessage scheduled) implements DomainEvent {
        public ScheduledMessageChanged {
            Objects.requireNonNull(scheduled, "scheduled");
        }
    }

    /**
     * Every token of the user issued before now was revoked (a password change or reset): their live connections must
     * end. The audience is the user alone.
     */
    record TokensRevoked(UserId userId) implements DomainEvent {
        public TokensRevoked {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A user registered a device (or replaced its identity key) or removed one; the audience is the user and everyone
     * who shares a conversation with them, whose clients fetch the user's devices again.
     */
    record DeviceChanged(UserId userId, DeviceId deviceId, boolean added, Set<UserId> audience) implements DomainEvent {
        public DeviceChanged {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(deviceId, "deviceId");
            audience = Set.copyOf(audience);
        }
    }
}
