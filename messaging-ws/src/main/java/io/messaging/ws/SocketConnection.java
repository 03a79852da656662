package io.messaging.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.User;
import io.messaging.core.port.out.RecoveryStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

// Over 300 lines because it is one Socket.IO connection's whole protocol: connect, events, acknowledgements, binary
// attachments, recovery.
/**
 * The Socket.IO socket of the main namespace on one Engine.IO session: connects with a token, then carries events
 * and acknowledgements. A packet that breaks the protocol closes this connection only.
 */
final class SocketConnection {
    private final EngineSession engine;
    private final ChatEvents chat;
    private final Recovery recovery;
    private volatile String id;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile User user;
    /**
     * The device this socket speaks for ({@code auth.deviceId}), whose envelopes alone it receives: one of its user's
     * registered devices.
     */
    private volatile Optional<DeviceId> device = Optional.empty();
    /** The device the socket named while it is not (or no longer) one of its user's: it gets no envelopes then. */
    private volatile String pendingDevice;
    /** The private session id a client recovers this socket with; null while recovery is off. */
    private volatile String pid;
    /** The latest recovery offset when this socket connected: it received everything up to there. */
    private volatile long connectedAfter;
    /** While a recovered socket replays what it missed, the live frames that reach it wait here. */
    private volatile List<Frame> held;

    private SocketPacket binaryPacket;
    private List<byte[]> attachments;

    SocketConnection(EngineSession engine, ChatEvents chat, Recovery recovery, String id) {
        this.engine = engine;
        this.chat = chat;
        this.recovery = recovery;
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

    Optional<DeviceId> device() {
        return device;
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
        JsonNode data = packet.data()
                .map(node -> replacePlaceholders(node.deepCopy(), buffers))
                .orElse(null);
        return new SocketPacket(
                packet.type() == SocketPacket.Type.BINARY_EVENT ? SocketPacket.Type.EVENT : SocketPacket.Type.ACK,
                0,
                packet.namespace(),
                packet.ackId(),
                Optional.ofNullable(data));
    }

    private static JsonNode replacePlaceholders(JsonNode node, List<byte[]> buffers) {
        if (node.isObject()
                && node.path("_placeholder").asBoolean(false)
                && node.path("num").canConvertToInt()) {
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
            object.fieldNames()
                    .forEachRemaining(name -> object.set(name, replacePlaceholders(object.get(name), buffers)));
        }
        return node;
    }

    private void handle(SocketPacket packet) {
        if (!"/".equals(packet.namespace())) {
            if (packet.type() == SocketPacket.Type.CONNECT) {
                send(Frame.message(SocketPacket.connectError(packet.namespace(), "Invalid namespace")));
            }
            return;
        }
        if (packet.type() == SocketPacket.Type.CONNECT) {
            connect(packet);
            return;
        }
        if (!isConnected()) {
            engine.close("parse error", false);
            return;
        }
        switch (packet.type()) {
            case EVENT -> {
                ArrayNode args = (ArrayNode) packet.data().orElseThrow();
                chat.handle(this, args.get(0).asText(), args.size() > 1 ? args.get(1) : null, packet.ackId());
            }
            case DISCONNECT -> engine.close("client namespace disconnect", false);
            default -> {
                // acknowledgements of server emits: the server asks for none
            }
        }
    }

    private void connect(SocketPacket packet) {
        if (isConnected()) {
            return;
        }
        Optional<String> token = packet.data()
                .map(auth -> auth.path("token"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .or(() -> engine.handshake.param("token"))
                .or(engine.handshake::bearerToken);
        Optional<User> authenticated = token.flatMap(chat::authenticate);
        if (authenticated.isEmpty()) {
            send(Frame.message(SocketPacket.connectError("/", "unauthorized")));
            return;
        }
        JsonNode auth = packet.data().orElse(null);
        user = authenticated.get();
        pendingDevice = text(auth, "deviceId").orElse(null);
        bindNamedDevice();
        if (recovery.enabled()) {
            Optional<RecoveryStore.KeptSession> kept = text(auth, "pid")
                    .flatMap(requested ->
                            recovery.store().take(requested, user.id().value()));
            if (kept.isPresent() && resume(kept.get(), text(auth, "offset"))) {
                bindNamedDevice();
                return;
            }
            pid = recovery.newPid();
            connectedAfter = recovery.store().latestOffset();
        }
        join(Rooms.user(user.id().value()));
        // once more now that the socket hears device_added: a registration just before the join is not missed
        bindNamedDevice();
        send(Frame.message(pid == null ? SocketPacket.connected(id) : SocketPacket.connected(id, pid)));
        chat.connected(this);
    }

    /** Speaks for the device the socket named, once the directory lists it as one of the user's own. */
    private void bindNamedDevice() {
        String named = pendingDevice;
        if (named != null) {
            Optional<DeviceId> own = chat.ownDevice(user, named);
            if (own.isPresent()) {
                device = own;
                pendingDevice = null;
            }
        }
    }

    /**
     * The user registered or removed one of their devices: a socket that named it speaks for it from now on, or no
     * longer (until it is registered again).
     */
    void deviceChanged(DeviceId changed, boolean added) {
        if (added && changed.value().equals(pendingDevice)) {
            device = Optional.of(changed);
            pendingDevice = null;
        } else if (!added && device.filter(changed::equals).isPresent()) {
            pendingDevice = changed.value();
            device = Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode auth, String field) {
        return Optional.ofNullable(auth)
                .map(node -> node.path(field))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /**
     * Takes up a dropped socket again, as the official server does: its id and rooms (those the user may still
     * join), the events it missed after the client's offset, then the CONNECT answer and live events, none twice.
     * False, with nothing changed, when the events cannot all be replayed.
     */
    private boolean resume(RecoveryStore.KeptSession kept, Optional<String> clientOffset) {
        long from;
        try {
            from = Math.max(
                    kept.connectedAfter(), clientOffset.map(Long::parseLong).orElse(0L));
        } catch (NumberFormatException e) {
            return false;
        }
        Set<String> rejoined = new HashSet<>();
        for (String room : kept.rooms()) {
            if (chat.mayRejoin(user, room)) {
                rejoined.add(room);
            }
        }
        held = new ArrayList<>();
        String ownId = id;
        id = kept.socketId();
        rejoined.forEach(this::join);
        var missed = recovery.store().missedSince(from, rejoined, id, user.id().value());
        if (missed.isEmpty()) {
            List.copyOf(rooms).forEach(this::leave);
            id = ownId;
            held = null;
            return false;
        }
        pid = kept.pid();
        connectedAfter = kept.connectedAfter();
        for (RecoveryStore.Broadcast broadcast : missed.get().broadcasts()) {
            engine.send(Frame.broadcast(
                    DeviceFrames.render(broadcast.packet(), device), broadcast.offset(), broadcast.droppable()));
        }
        engine.send(Frame.message(SocketPacket.connected(id, pid)));
        releaseHeld(missed.get().upTo());
        if (!recovery.resume(pid)) {
            chat.connected(this);
        }
        return true;
    }

    /** Sends the frames held during a replay, but those the replay or the client had already (up to upTo). */
    private synchronized void releaseHeld(long upTo) {
        for (Frame frame : held) {
            if (frame.offset() == 0 || frame.offset() > upTo) {
                engine.send(frame);
            }
        }
        held = null;
    }

    void send(Frame frame) {
        if (held != null) {
            synchronized (this) {
                if (held != null) {
                    held.add(frame);
                    return;
                }
            }
        }
        engine.send(frame);
    }

    /** Ends this connection, telling the client (the Engine.IO close packet). */
    void disconnect(String reason) {
        engine.close(reason, true);
    }

    /** Answers an event's acknowledgement callback. */
    void ack(Optional<Long> ackId, JsonNode payload) {
        ackId.ifPresent(ack -> send(Frame.message(SocketPacket.ack(ack, payload))));
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

    /**
     * The session ended: leave every room and end this socket's presence. After a disconnect the client did not
     * ask for, the socket is kept for recovery and its presence ends after a grace, unless it comes back first.
     */
    void onClose(String reason) {
        Set<String> joined = Set.copyOf(rooms);
        for (String room : joined) {
            leave(room);
        }
        User gone = user;
        if (gone == null) {
            return;
        }
        if (pid != null && Recovery.recoverable(reason)) {
            recovery.keep(
                    new RecoveryStore.KeptSession(pid, id, gone.id().value(), joined, connectedAfter, recovery.now()),
                    () -> chat.disconnected(this));
        } else {
            chat.disconnected(this);
        }
    }
}
