package io.messaging.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ScheduleMessage;
import java.util.Optional;

/**
 * The body shared by {@code POST /api/scheduled-messages} and the {@code schedule_message} event: the body of a
 * send (see {@link SendMessageRequest}) plus {@code sendAt}, an ISO-8601 timestamp.
 */
public final class ScheduleMessageRequest {
    private ScheduleMessageRequest() {}

    /** The command the body asks for, or a {@code validation_failed} outcome naming what is wrong. */
    public static Outcome<ScheduleMessage.Command> parse(JsonNode body, UserId senderId) {
        try {
            var sendAt = JsonFields.of(body).optionalInstant("sendAt");
            if (sendAt.isEmpty()) {
                return Outcome.invalid("sendAt is required");
            }
            return SendMessageRequest.parse(body, senderId, Optional.empty())
                    .map(message -> new ScheduleMessage.Command(message, sendAt.get()));
        } catch (JsonFields.BadField e) {
            return Outcome.invalid(e.getMessage());
        }
    }
}
