package io.messaging.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Optional;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus's engine, with a {@link FrameSizeGuard} in front of every connection it upgrades, and each new connection's
 * {@link Writer} (Tyrus's public SPI to the transport) made known to
 * the endpoint that Tyrus opens for it, so that the endpoint can write whole, already encoded frames, several in
 * one write, instead of encoding every frame again for every recipient and writing it alone. Tyrus opens the
 * endpoint on the thread that creates the connection, inside {@code createConnection}; the writer is handed over
 * on that thread only.
 */
final class GuardedEngine implements WebSocketEngine {
    private static final ThreadLocal<Writer> OPENING = new ThreadLocal<>();
    private static final CloseReason TOO_BIG = new CloseReason(CloseReason.CloseCodes.TOO_BIG, "Message too big");

    private final WebSocketEngine tyrus;
    private final long maxMessageBytes;

    GuardedEngine(WebSocketEngine tyrus, long maxMessageBytes) {
        this.tyrus = tyrus;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The writer of the connection whose endpoint is being opened on this thread, if any. */
    static Optional<Writer> openingWriter() {
        return Optional.ofNullable(OPENING.get());
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        UpgradeInfo upgrade = tyrus.upgrade(request, response);
        return new UpgradeInfo() {
            @Override
            public UpgradeStatus getStatus() {
                return upgrade.getStatus();
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                OPENING.set(writer);
                Connection connection;
                try {
                    connection = upgrade.createConnection(writer, closeListener);
                } finally {
                    OPENING.remove();
                }
                return connection == null ? null : guarded(connection);
            }
        };
    }

    private Connection guarded(Connection connection) {
        ReadHandler guard =
                new FrameSizeGuard(connection.getReadHandler(), maxMessageBytes, () -> connection.close(TOO_BIG));
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
        tyrus.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
        tyrus.register(serverConfig, contextPath);
    }
}
