package io.messaging.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.messaging.core.model.DomainEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Domain events as JSON between nodes: {@code {"kind":"MessageCreated","event":{...}}}, the event's record
 * components as fields. Every node runs the same version, so the shape needs no versioning beyond the kind.
 */
final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, Class<? extends DomainEvent>> KINDS = kinds();

    private EventCodec() {}

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends DomainEvent>> kinds() {
        var kinds = new HashMap<String, Class<? extends DomainEvent>>();
        for (Class<?> kind : DomainEvent.class.getPermittedSubclasses()) {
            kinds.put(kind.getSimpleName(), (Class<? extends DomainEvent>) kind);
        }
        return Map.copyOf(kinds);
    }

    static String encode(DomainEvent event) {
        ObjectNode envelope =
                MAPPER.createObjectNode().put("kind", event.getClass().getSimpleName());
        envelope.set("event", MAPPER.valueToTree(event));
        return envelope.toString();
    }

    /** The event, or an {@link IllegalArgumentException} naming what is wrong with the text. */
    static DomainEvent decode(String json) {
        try {
            JsonNode envelope = MAPPER.readTree(json);
            Class<? extends DomainEvent> kind = KINDS.get(envelope.path("kind").asText());
            if (kind == null) {
                throw new IllegalArgumentException("unknown event kind " + envelope.path("kind"));
            }
            return MAPPER.treeToValue(envelope.path("event"), kind);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable event: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
