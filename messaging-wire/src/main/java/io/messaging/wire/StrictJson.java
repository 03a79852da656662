package io.messaging.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads client JSON strictly: exactly one value with nothing after it, no key twice in an object, and only valid
 * UTF-16 in strings and keys (no lone surrogate, which a store could only write as {@code ?}). Thread-safe.
 */
public final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Client JSON that is not acceptable; the message names the problem in a sentence for people. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private StrictJson() {}

    /** Parses UTF-8 bytes (invalid UTF-8 is refused). */
    public static JsonNode parse(byte[] utf8) throws Invalid {
        try (JsonParser parser = MAPPER.createParser(utf8)) {
            return whole(parser);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Parses text. */
    public static JsonNode parse(String text) throws Invalid {
        try (JsonParser parser = MAPPER.createParser(text)) {
            return whole(parser);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** The one value of the parser's input, which must end right after it. */
    private static JsonNode whole(JsonParser parser) throws IOException, Invalid {
        JsonNode node = MAPPER.readTree(parser);
        boolean trailing;
        try {
            trailing = parser.nextToken() != null;
        } catch (JsonParseException e) {
            trailing = true;
        }
        if (trailing) {
            throw new Invalid("the JSON has content after its value");
        }
        return checked(node);
    }

    private static JsonNode checked(JsonNode node) throws Invalid {
        if (node == null || node.isMissingNode()) {
            throw new Invalid("the body is not valid JSON: it is empty");
        }
        requireValidText(node);
        return node;
    }

    private static void requireValidText(JsonNode node) throws Invalid {
        if (node.isTextual()) {
            requireValidUtf16(node.textValue());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                requireValidText(element);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                requireValidUtf16(field.getKey());
                requireValidText(field.getValue());
            }
        }
    }

    private static void requireValidUtf16(String text) throws Invalid {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Invalid(
                        "the JSON has a lone surrogate (\\u" + Integer.toHexString(c) + "), which is not valid UTF-16");
            }
        }
    }

    private static Invalid invalid(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : "";
        if (message.startsWith("Duplicate field")) {
            return new Invalid("the JSON has a key twice: "
                    + message.substring("Duplicate field".length()).trim());
        }
        if (e instanceof JsonParseException && message.contains("UTF-8")) {
            return new Invalid("the body is not valid UTF-8");
        }
        return new Invalid("the body is not valid JSON");
    }
}
