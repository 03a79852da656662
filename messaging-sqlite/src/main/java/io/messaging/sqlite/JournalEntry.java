package io.messaging.sqlite;

import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import java.time.temporal.ChronoUnit;

/** One acknowledged message at its position in the journal, with the seq it was given. */
record JournalEntry(long position, NewMessage newMessage, Message message) {
    /**
     * The columns both the journal and the message table keep of a message, in the order of {@link #values}.
     */
    static final String MESSAGE_COLUMNS = "id, conversation_id, seq, sender_id, recipient_id, type, content, "
            + "client_message_id, reply_to_id, created_at, scheduled_message_id";

    JournalEntry(long position, NewMessage newMessage, long seq) {
        this(position, newMessage, newMessage.toMessage(seq));
    }

    /** The values of {@link #MESSAGE_COLUMNS} as the journal keeps them (its content is never null), for binding. */
    Object[] values() {
        return values(newMessage.content());
    }

    /** The values of {@link #MESSAGE_COLUMNS} as the tables keep them: an encrypted message's content is NULL. */
    Object[] tableValues() {
        return values(newMessage.storedContent().orElse(null));
    }

    private Object[] values(String content) {
        return new Object[] {
            newMessage.id().value(),
            newMessage.conversationId().value(),
            message.seq(),
            newMessage.senderId().value(),
            newMessage.recipientId().map(UserId::value).orElse(null),
            newMessage.type().name(),
            content,
            newMessage.clientMessageId().orElse(null),
            newMessage.replyToId().map(MessageId::value).orElse(null),
            newMessage.createdAt(),
            newMessage.scheduledMessageId().map(ScheduledMessageId::value).orElse(null)
        };
    }

    /** The message as the tables keep it (milliseconds), so a pending message looks exactly as it will once stored. */
    static NewMessage asStored(NewMessage requested) {
        return new NewMessage(
                requested.id(),
                requested.conversationId(),
                requested.senderId(),
                requested.recipientId(),
                requested.type(),
                requested.content(),
                requested.attachments(),
                requested.clientMessageId(),
                requested.replyToId(),
                requested.createdAt().truncatedTo(ChronoUnit.MILLIS),
                requested.voice(),
                requested.scheduledMessageId(),
                requested.envelopes());
    }
}
