package io.messaging.sqlite;

import io.messaging.core.model.Message;
import io.messaging.core.model.NewMessage;

/** One acknowledged message at its position in the journal, with the seq it was given. */
record JournalEntry(long position, NewMessage newMessage, Message message) {
    JournalEntry(long position, NewMessage newMessage, long seq) {
        this(position, newMessage, newMessage.toMessage(seq));
    }
}
