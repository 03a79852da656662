package io.messaging.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Socket.IO socket of the main namespace on one Engine.IO session: connects with a token, then carries events
 * and acknowledgements. A packet that breaks the protocol closes this connection only.
 */
final class SocketConnection {
    private final EngineSession engine;
    private final ChatEvents chat;
    private final String id;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile User user;
    private SocketPacket binaryPacket;
    private List<byte[]> attachments;

    SocketConnection(EngineSession engine, ChatEvents chat, String id) {
        this.engine = engine;
        this.chat = chat;
        this.id = id;
    }

    String id() {
        return id;
    }

    boolean isConnected() {
        return user != null;
    }

    User user() {
        return user;
    }

    void onText(String text) {
        SocketPacket packet;
        try {
            packet = SocketPacket.decode(text);
        } catch (SocketPacket.Malformed e) {
            engine.close("parse error", false);
            return;
        }
        synchronized (this) {
            if (binaryPacket != null) {
                engine.close("parse error", false);
                return;
            }
            if (packet.attachments() > 0) {
                binaryPacket = packet;
                attachments = new ArrayList<>();
                return;
            }
        }
        handle(packet);
    }

    void onBinary(byte[] bytes) {
        SocketPacket complete = null;
        synchronized (this) {
            if (binaryPacket == null) {
                engine.close("parse error", false);
                return;
            }
            attachments.add(bytes);
            if (attachments.size() == binaryPacket.attachments()) {
                complete = withAttachments(binaryPacket, attachments);
                binaryPacket = null;
                attachments = null;
            }
        }
        if (complete != null) {
            handle(complete);
        }
    }

    /** Puts each attachment where its placeholder {@code {"_placeholder":true,"num":n}} stands. */
    private static SocketPacket withAttachments(SocketPacket packet, List<byte[]> buffers) {
        JsonNode data = packet.data().map(node -> replacePlaceholders(node.deepCopy(), buffers)).orElse(null);
        return new SocketPacket(packet.type() == SocketPacket.BINARY_EVENT ? SocketPacket.EVENT : SocketPacket.ACK, 0,
                packet.namespace(), packet.ackId(), Optional.ofNullable(data));
    }

    private static JsonNode replacePlaceholders(JsonNode node, List<byte[]> buffers) {
        if (node.isObject() && node.path("_placeholder").asBoolean(false) && node.path("num").canConvertToInt()) {
            int num = node.get("num").asInt();
            return num >= 0 && num < buffers.size() ? BinaryNode.valueOf(buffers.get(num)) : node;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replacePlaceholders(array.get(i), buffers));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.fieldNames().forEachRemaining(name -> object.set(name, replacePlaceholders(object.get(name),
                    buffers)));
        }
        return node;
    }

    private void handle(SocketPacket packet) {
        if (!"/".equals(packet.namespace())) {
            if (packet.type() == SocketPacket.CONNECT) {
                send(Frame.of("4" + SocketPacket.connectError(packet.namespace(), "Invalid namespace")));
            }
            return;
        }
        if (packet.type() == SocketPacket.CONNECT) {
            connect(packet);
            return;
        }
        if (!isConnected()) {
            engine.close("parse error", false);
            return;
        }
        switch (packet.type()) {
            case SocketPacket.EVENT -> {
                ArrayNode args = (ArrayNode) packet.data().orElseThrow();
                chat.handle(this, args.get(0).asText(), args.size() > 1 ? args.get(1) : null, packet.ackId());
            }
            case SocketPacket.DISCONNECT -> engine.close("client namespace disconnect", false);
            default -> {
                // acknowledgements of server emits: the server asks for none
            }
        }
    }

    private void connect(SocketPacket packet) {
        if (isConnected()) {
            return;
        }
        Optional<String> token = packet.data().map(auth -> auth.path("token")).filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .or(() -> engine.handshake.param("token"))
                .or(engine.handshake::bearerToken);
        Optional<User> authenticated = token.flatMap(chat::authenticate);
        if (authenticated.isEmpty()) {
            send(Frame.of("4" + SocketPacket.connectError("/", "unauthorized")));
            return;
        }
        user = authenticated.get();
        join(Rooms.user(user.id().value()));
        send(Frame.of("4" + SocketPacket.connected(id)));
        chat.connected(this);
    }

    void send(Frame frame) {
        engine.send(frame);
    }

    /** Ends this connection, telling the client (the Engine.IO close packet). */
    void disconnect(String reason) {
        engine.close(reason, true);
    }

    /** Answers an event's acknowledgement callback. */
    void ack(Optional<Long> ackId, JsonNode payload) {
        ackId.ifPresent(ack -> send(Frame.of("4" + SocketPacket.ack(ack, payload))));
    }

    void join(String room) {
        if (rooms.add(room)) {
            chat.rooms().join(room, this);
        }
    }

    void leave(String room) {
        if (rooms.remove(room)) {
            chat.rooms().leave(room, this);
        }
    }

    /** The session ended: leave every room and end this socket's presence. */
    void onClose(String reason) {
        for (String room : List.copyOf(rooms)) {
            leave(room);
        }
        if (user != null) {
            chat.disconnected(this);
        }
    }
}
