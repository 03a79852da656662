package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import java.time.Instant;
import java.util.Objects;

/** Writes a message now to be sent at a chosen time, as its sender, through the same rules as a send. */
public interface ScheduleMessage {

    /**
     * The message as it would be sent now ({@code message.originConnectionId} and {@code scheduledMessageId} are
     * ignored), and when to send it.
     */
    record Command(SendMessage.Command message, Instant sendAt) {
        public Command {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(sendAt, "sendAt");
        }
    }

    /** The stored scheduled message; {@code duplicate} when an earlier call with the same client id stored it. */
    record Scheduled(ScheduledMessage scheduled, boolean duplicate) {}

    /**
     * Stores the scheduled message durably; it is sent at {@code sendAt} (see {@link DispatchScheduled}). The
     * recipients learn nothing until then. A retry with the same ({@code senderId}, {@code clientMessageId})
     * returns the stored one and stores nothing. Failures: {@code validation_failed} for a {@code sendAt} that is
     * not in the future or more than a year ahead, for a voice message, and for everything a send refuses as
     * invalid; {@code not_found} for a conversation the sender is not in, an unknown or inactive recipient, an
     * attachment that is not the sender's, or a reply to a message outside the conversation.
     */
    Outcome<Scheduled> schedule(Command command);
}
