package io.messaging.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.tyrus.spi.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Engine.IO's WebSocket transport: a new session, or the upgrade of a polling one (probe, then upgrade). */
public final class WebSocketTransport extends Endpoint {
    private static final String PING_PROBE = EnginePacketType.PING.encode("probe");
    private static final String PONG_PROBE = EnginePacketType.PONG.encode("probe");
    private static final String UPGRADE = EnginePacketType.UPGRADE.encode();
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    static final String AUTHORIZATION = "io.messaging.ws.authorization";
    static final String REMOTE = "io.messaging.ws.remote";
    static final String UPGRADE_CLAIM = "io.messaging.ws.upgrade-claim.";

    private final EngineServer server;
    private volatile EngineSession engine;
    private volatile boolean probing;
    private Writer frames;

    WebSocketTransport(EngineServer server) {
        this.server = server;
    }

    /** The Tyrus endpoint configuration: one endpoint instance per connection, the bearer header kept. */
    static ServerEndpointConfig config(EngineServer server) {
        return ServerEndpointConfig.Builder.create(WebSocketTransport.class, "/socket.io/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) new WebSocketTransport(server);
                    }

                    @Override
                    public void modifyHandshake(
                            ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
                        List<String> authorization = request.getHeaders().get("Authorization");
                        if (authorization == null) {
                            authorization = request.getHeaders().get("authorization");
                        }
                        config.getUserProperties()
                                .put(
                                        AUTHORIZATION,
                                        authorization == null || authorization.isEmpty() ? null : authorization.get(0));
                        claimUpgrade(server, config, request);
                    }
                })
                .build();
    }

    /**
     * A WebSocket for an existing session claims its upgrade during the handshake, before the client can see it
     * open, so that of two WebSockets for one session the first one's claim wins whatever order their endpoints
     * then open in. The claim travels to {@link #onOpen} in the properties, under a key of its session id.
     */
    private static void claimUpgrade(EngineServer server, ServerEndpointConfig config, HandshakeRequest request) {
        List<String> sid = request.getParameterMap().get("sid");
        if (sid == null || sid.isEmpty()) {
            return;
        }
        EngineSession existing = server.session(sid.get(0));
        Object claim = new Object();
        if (existing != null && existing.claimUpgrade(claim)) {
            config.getUserProperties().put(UPGRADE_CLAIM + sid.get(0), claim);
        }
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Map<String, String> query = new HashMap<>();
        session.getRequestParameterMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Optional<Writer> writer = GuardedEngine.openingWriter();
        if (writer.isEmpty()) {
            LOG.error(
                    "no writer for a new WebSocket connection: the Tyrus version does not open endpoints as expected");
            closeQuietly(session, "server error");
            return;
        }
        frames = writer.get();
        int max = server.options().maxPayload();
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(max);
        if (!"4".equals(query.get("EIO")) || !"websocket".equals(query.get("transport"))) {
            closeQuietly(session, "Unsupported protocol version");
            return;
        }
        session.addMessageHandler(String.class, text -> onText(session, text));
        session.addMessageHandler(ByteBuffer.class, buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            EngineSession current = engine;
            if (current != null && !probing) {
                current.receiveBinary(bytes);
            }
        });
        String sid = query.get("sid");
        if (sid == null) {
            // The session's properties start as this connection's own copy of those modifyHandshake saw
            // (WebSocket 2.1); the endpoint configuration's map is shared by every connection.
            Object authorization = session.getUserProperties().get(AUTHORIZATION);
            var handshake = new Handshake(query, Optional.ofNullable((String) authorization), "websocket");
            engine = server.open(handshake, session, frames);
            return;
        }
        Object claim = session.getUserProperties().get(UPGRADE_CLAIM + sid);
        if (claim != null) {
            config.getUserProperties().remove(UPGRADE_CLAIM + sid, claim);
        }
        EngineSession existing = server.session(sid);
        if (existing == null || claim == null || !existing.confirmUpgrade(claim, session)) {
            // unknown, closed, already upgraded, or another WebSocket is upgrading it
            closeQuietly(session, "Session ID unknown");
            return;
        }
        engine = existing;
        probing = true;
    }

    private void onText(Session session, String text) {
        EngineSession current = engine;
        if (current == null) {
            return;
        }
        if (probing) {
            if (text.equals(PING_PROBE)) {
                session.getAsyncRemote().sendText(PONG_PROBE);
                current.beginUpgrade(session, frames);
            } else if (text.equals(UPGRADE)) {
                probing = false;
                current.completeUpgrade(session);
            } else {
                current.close("parse error", false);
            }
            return;
        }
        current.receive(text);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        EngineSession current = engine;
        if (current == null) {
            return;
        }
        if (probing) {
            current.abortUpgrade(session);
        } else {
            current.close("transport close", false);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        EngineSession current = engine;
        if (current != null) {
            current.close("transport error", false);
        } else {
            closeQuietly(session, "error");
        }
    }

    private static void closeQuietly(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, reason));
        } catch (IOException ignored) {
            // the peer is gone
        }
    }
}
