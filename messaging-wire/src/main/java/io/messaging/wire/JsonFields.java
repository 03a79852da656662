package io.messaging.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads typed fields out of a JSON request body, turning every kind of bad input into a {@link BadField} with a
 * message a client can act on, never another exception.
 */
public final class JsonFields {
    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    /** Wraps a parsed body; a body that is not a JSON object is refused. */
    public static JsonFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadField("the body must be a JSON object");
        }
        return new JsonFields(body);
    }

    /** A field that is missing, of the wrong type or malformed; its message names the field. */
    public static final class BadField extends RuntimeException {
        public BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** The JSON object these fields are read from. */
    public JsonNode node() {
        return body;
    }

    /** Whether the field is present and not null. */
    public boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** A required string. */
    public String text(String field) {
        return optionalText(field).orElseThrow(() -> new BadField(field + " is required"));
    }

    /** An optional string; present but not a string is an error. */
    public Optional<String> optionalText(String field) {
        return optional(field, JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    /** An optional boolean; present but not a boolean is an error. */
    public Optional<Boolean> optionalBoolean(String field) {
        return optional(field, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** A required list of strings. */
    public List<String> texts(String field) {
        if (!has(field)) {
            throw new BadField(field + " is required");
        }
        return array(field, field, "strings", JsonNode::isTextual, JsonNode::textValue);
    }

    /** The nested object under {@code field}, if present. */
    public Optional<JsonFields> optionalObject(String field) {
        return optional(field, JsonNode::isObject, "an object", JsonFields::new);
    }

    /** A required whole number; {@code label} names it in the message (a nested field's full path). */
    public long integer(String label, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new BadField(label + " is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadField(label + " must be a whole number");
        }
        return value.longValue();
    }

    /** An optional array of numbers, empty when absent; {@code label} names it in the message. */
    public List<Double> numbers(String label, String field) {
        return array(field, label, "numbers", JsonNode::isNumber, JsonNode::doubleValue);
    }

    /** The nested array of objects under {@code field}, or none. */
    public List<JsonFields> objects(String field) {
        return array(field, field, "objects", JsonNode::isObject, JsonFields::new);
    }

    /** The value of a field, if present and not null; present but not what {@code accepts} admits is an error. */
    private <T> Optional<T> optional(
            String field, Predicate<JsonNode> accepts, String expected, Function<JsonNode, T> read) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!accepts.test(value)) {
            throw new BadField(field + " must be " + expected);
        }
        return Optional.of(read.apply(value));
    }

    /** The items of an array field, each of the kind {@code accepts} admits; empty when absent. */
    private <T> List<T> array(
            String field, String label, String kind, Predicate<JsonNode> accepts, Function<JsonNode, T> read) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadField(label + " must be an array of " + kind);
        }
        var values = new ArrayList<T>();
        for (JsonNode item : value) {
            if (!accepts.test(item)) {
                throw new BadField(label + " must be an array of " + kind);
            }
            values.add(read.apply(item));
        }
        return values;
    }

    public UserId userId(String field) {
        return id(field, text(field), UserId::of);
    }

    public Optional<UserId> optionalUserId(String field) {
        return optionalText(field).map(value -> id(field, value, UserId::of));
    }

    public Optional<ConversationId> optionalConversationId(String field) {
        return optionalText(field).map(value -> id(field, value, ConversationId::of));
    }

    public Optional<MessageId> optionalMessageId(String field) {
        return optionalText(field).map(value -> id(field, value, MessageId::of));
    }

    /** An optional ISO-8601 timestamp with an offset or {@code Z}, such as {@code 2026-11-24T09:00:00.000Z}. */
    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(value -> {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadField(field + " must be an ISO-8601 timestamp such as 2026-11-24T09:00:00.000Z");
            }
        });
    }

    public List<UserId> userIds(String field) {
        return texts(field).stream().map(value -> id(field, value, UserId::of)).toList();
    }

    public List<MessageId> messageIds(String field) {
        return texts(field).stream()
                .map(value -> id(field, value, MessageId::of))
                .toList();
    }

    /** Parses an identifier, reporting a malformed one against its field. */
    public static <T> T id(String field, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadField(field + " is not a valid id");
        }
    }
}
