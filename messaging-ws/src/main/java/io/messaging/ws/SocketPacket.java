package io.messaging.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.messaging.wire.StrictJson;
import io.messaging.wire.WireJson;
import java.util.Optional;

/**
 * A decoded Socket.IO (protocol 5) packet: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]}.
 * Decoding refuses anything malformed with {@link Malformed}, so the connection can be closed cleanly.
 */
record SocketPacket(Type type, int attachments, String namespace, Optional<Long> ackId, Optional<JsonNode> data) {
    /** The Socket.IO (protocol 5) packet types, each written as one digit at the start of a packet. */
    enum Type {
        CONNECT,
        DISCONNECT,
        EVENT,
        ACK,
        CONNECT_ERROR,
        BINARY_EVENT,
        BINARY_ACK;

        private static final Type[] VALUES = values();

        /** The digit this type is written as. */
        char code() {
            return (char) ('0' + ordinal());
        }

        /** The type written as {@code code}, or empty for none. */
        static Optional<Type> of(char code) {
            int index = code - '0';
            return index >= 0 && index < VALUES.length ? Optional.of(VALUES[index]) : Optional.empty();
        }
    }

    /** The text is not a Socket.IO packet. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static SocketPacket decode(String text) throws Malformed {
        Type type = text.isEmpty() ? null : Type.of(text.charAt(0)).orElse(null);
        if (type == null) {
            throw new Malformed("unknown packet type");
        }
        int i = 1;
        int attachments = 0;
        if (type == Type.BINARY_EVENT || type == Type.BINARY_ACK) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 3) {
                throw new Malformed("missing attachment count");
            }
            attachments = parseDigits(text.substring(i, dash));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? text.length() : comma + 1;
        }
        int digitsStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - digitsStart < 16) {
            i++;
        }
        Optional<Long> ackId =
                i > digitsStart ? Optional.of(Long.parseLong(text.substring(digitsStart, i))) : Optional.empty();
        Optional<JsonNode> data = Optional.empty();
        if (i < text.length()) {
            try {
                data = Optional.of(StrictJson.parse(text.substring(i)));
            } catch (StrictJson.Invalid e) {
                throw new Malformed("invalid JSON");
            }
        }
        var packet = new SocketPacket(type, attachments, namespace, ackId, data);
        packet.validate();
        return packet;
    }

    private static int parseDigits(String digits) throws Malformed {
        for (char c : digits.toCharArray()) {
            if (!Character.isDigit(c)) {
                throw new Malformed("bad attachment count");
            }
        }
        return Integer.parseInt(digits);
    }

    private void validate() throws Malformed {
        switch (type) {
            case CONNECT -> {
                if (data.isPresent() && !data.get().isObject()) {
                    throw new Malformed("CONNECT data must be an object");
                }
            }
            case DISCONNECT -> {
                if (data.isPresent()) {
                    throw new Malformed("DISCONNECT carries no data");
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (data.isEmpty()
                        || !data.get().isArray()
                        || data.get().isEmpty()
                        || !data.get().get(0).isTextual()) {
                    throw new Malformed("EVENT data must be an array starting with the event name");
                }
            }
            case ACK, BINARY_ACK -> {
                if (ackId.isEmpty() || data.isEmpty() || !data.get().isArray()) {
                    throw new Malformed("ACK needs an id and an array");
                }
            }
            default -> throw new Malformed("a client does not send CONNECT_ERROR");
        }
    }

    /** {@code 2["event", payload]}: encoded once, sent to any number of sockets. */
    static String event(String name, JsonNode payload) {
        ArrayNode array = WireJson.MAPPER.createArrayNode().add(name).add(payload);
        return Type.EVENT.code() + WireJson.write(array);
    }

    /** {@code 2["event", payload]} around a payload that is JSON already (event names are plain words). */
    static String event(String name, String payloadJson) {
        return Type.EVENT.code() + "[\"" + name + "\"," + payloadJson + "]";
    }

    /** {@code 3<id>[payload]}. */
    static String ack(long id, JsonNode payload) {
        return Type.ACK.code()
                + Long.toString(id)
                + WireJson.write(WireJson.MAPPER.createArrayNode().add(payload));
    }

    /** {@code 0{"sid":...}}. */
    static String connected(String socketId) {
        return Type.CONNECT.code()
                + WireJson.write(WireJson.MAPPER.createObjectNode().put("sid", socketId));
    }

    /** {@code 0{"sid":...,"pid":...}}: the answer when connection state recovery is on. */
    static String connected(String socketId, String pid) {
        return Type.CONNECT.code()
                + WireJson.write(
                        WireJson.MAPPER.createObjectNode().put("sid", socketId).put("pid", pid));
    }

    /** {@code 4{"message":...}} for the given namespace. */
    static String connectError(String namespace, String message) {
        String prefix = "/".equals(namespace) ? "" : namespace + ",";
        return Type.CONNECT_ERROR.code()
                + prefix
                + WireJson.write(WireJson.MAPPER.createObjectNode().put("message", message));
    }
}
