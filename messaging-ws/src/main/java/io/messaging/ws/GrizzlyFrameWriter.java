package io.messaging.ws;

import java.nio.ByteBuffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/** Tyrus's writer SPI over a Grizzly connection: each buffer goes out in one asynchronous write. */
final class GrizzlyFrameWriter extends Writer {
    private final Connection<?> connection;

    GrizzlyFrameWriter(Connection<?> connection) {
        this.connection = connection;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> done) {
        if (!connection.isOpen()) {
            done.failed(new IllegalStateException("the connection is closed"));
            return;
        }
        ((Connection) connection)
                .write(Buffers.wrap(connection.getMemoryManager(), buffer), new EmptyCompletionHandler<WriteResult>() {
                    @Override
                    public void completed(WriteResult result) {
                        done.completed(buffer);
                    }

                    @Override
                    public void failed(Throwable error) {
                        done.failed(error);
                    }
                });
    }

    @Override
    public void close() {
        connection.closeSilently();
    }
}
