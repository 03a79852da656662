package io.messaging.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Message;
import io.messaging.wire.WireJson;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The frames of one event that carries an encrypted message: one per device, each with that device's envelope alone
 * (and one without any for sockets that name no device), encoded on first use and shared by the sockets of that
 * device. Used on the one thread that fans the event out. For connection state recovery the event is recorded as a
 * template holding every envelope, which a recovered socket renders for its own device ({@link #render}).
 */
final class DeviceFrames {
    /** Starts a recorded template; a Socket.IO packet starts with a digit, so none is taken for one. */
    private static final String TEMPLATE = "per-device:";

    private final String event;
    private final Message message;
    private final long offset;
    private final Map<Optional<DeviceId>, Frame> frames = new HashMap<>();

    DeviceFrames(String event, Message message, long offset) {
        this.event = event;
        this.message = message;
        this.offset = offset;
    }

    Frame forSocket(SocketConnection socket) {
        return frames.computeIfAbsent(
                socket.device(), device -> Frame.broadcast(packet(event, message, device), offset, false));
    }

    /** The event's packet for one device. */
    static String packet(String event, Message message, Optional<DeviceId> device) {
        return SocketPacket.event(event, payload(event, WireJson.message(message, device)));
    }

    /** What the recovery store keeps of the event: the message with every envelope, to render per device later. */
    static String template(String event, Message message) {
        ObjectNode full = WireJson.message(message);
        ObjectNode envelopes = full.putObject("envelopes");
        message.envelopes().forEach((deviceId, envelope) -> envelopes.set(deviceId, WireJson.envelope(envelope)));
        return TEMPLATE + event + "\n" + WireJson.write(full);
    }

    /** A recorded packet as this device receives it: a template rendered for it, any other packet as it is. */
    static String render(String recorded, Optional<DeviceId> device) {
        if (!recorded.startsWith(TEMPLATE)) {
            return recorded;
        }
        int newline = recorded.indexOf('\n');
        String event = recorded.substring(TEMPLATE.length(), newline);
        ObjectNode message;
        try {
            message = (ObjectNode) WireJson.MAPPER.readTree(recorded.substring(newline + 1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded template is always valid JSON", e);
        }
        JsonNode envelopes = message.remove("envelopes");
        JsonNode own = device.map(id -> envelopes.get(id.value())).orElse(null);
        message.set("envelope", own == null ? WireJson.MAPPER.nullNode() : own);
        return SocketPacket.event(event, payload(event, message));
    }

    private static JsonNode payload(String event, ObjectNode message) {
        if (!event.equals("message_notification")) {
            return message;
        }
        ObjectNode notification = WireJson.MAPPER
                .createObjectNode()
                .put("conversationId", message.path("conversationId").asText());
        notification.set("message", message);
        return notification;
    }
}
