package io.messaging.rest;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Limits;
import io.messaging.wire.JsonFields;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.function.Function;

/** Parses path and query parameters: a malformed id is simply not found, a malformed number is invalid. */
final class Params {
    private Params() {}

    static UserId userId(String raw) {
        return pathId(raw, UserId::of, "user");
    }

    static ConversationId conversationId(String raw) {
        return pathId(raw, ConversationId::of, "conversation");
    }

    static MessageId messageId(String raw) {
        return pathId(raw, MessageId::of, "message");
    }

    static DeviceId deviceId(String raw) {
        return pathId(raw, DeviceId::of, "device");
    }

    static PushSubscriptionId pushSubscriptionId(String raw) {
        return pathId(raw, PushSubscriptionId::of, "push subscription");
    }

    private static <T> T pathId(String raw, Function<String, T> parse, String what) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problems.of(404, "not_found", what + " not found"));
        }
    }

    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return Limits.PAGE_DEFAULT;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new JsonFields.BadField("limit must be a whole number");
        }
    }

    static Optional<Long> seq(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                throw new JsonFields.BadField(name + " must be a seq of 0 or more");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new JsonFields.BadField(name + " must be a seq");
        }
    }

    static Optional<String> text(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }
}
