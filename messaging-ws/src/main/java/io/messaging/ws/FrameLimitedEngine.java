package io.messaging.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/** Tyrus's engine with a {@link FrameSizeGuard} in front of every connection it upgrades. */
final class FrameLimitedEngine implements WebSocketEngine {
    private static final CloseReason TOO_BIG = new CloseReason(CloseReason.CloseCodes.TOO_BIG, "Message too big");

    private final WebSocketEngine delegate;
    private final long maxMessageBytes;

    FrameLimitedEngine(WebSocketEngine delegate, long maxMessageBytes) {
        this.delegate = delegate;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        UpgradeInfo upgrade = delegate.upgrade(request, response);
        return new UpgradeInfo() {
            @Override
            public UpgradeStatus getStatus() {
                return upgrade.getStatus();
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                Connection connection = upgrade.createConnection(writer, closeListener);
                return connection == null ? null : guarded(connection);
            }
        };
    }

    private Connection guarded(Connection connection) {
        ReadHandler guard = new FrameSizeGuard(connection.getReadHandler(), maxMessageBytes,
                () -> connection.close(TOO_BIG));
        return new Connection() {
            @Override
            public ReadHandler getReadHandler() {
                return guard;
            }

            @Override
            public Writer getWriter() {
                return connection.getWriter();
            }

            @Override
            public CloseListener getCloseListener() {
                return connection.getCloseListener();
            }

            @Override
            public void close(CloseReason reason) {
                connection.close(reason);
            }
        };
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
        delegate.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config, String contextPath) throws DeploymentException {
        delegate.register(config, contextPath);
    }
}
