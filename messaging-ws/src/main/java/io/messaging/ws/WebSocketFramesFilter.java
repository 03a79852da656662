package io.messaging.ws;

import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * In front of the HTTP codec: the bytes a connection reads after its WebSocket upgrade go to Tyrus's frame reader
 * as they are; a connection that is not upgraded passes on to the codec. Grizzly reads one connection on one
 * thread at a time, so each reader is called serially.
 */
final class WebSocketFramesFilter extends BaseFilter {
    private static final Attribute<ReadHandler> READER =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WebSocketFramesFilter.class.getName() + ".reader");

    /** From now on, what the connection reads goes to this reader. */
    static void upgraded(Connection<?> connection, ReadHandler reader) {
        READER.set(connection, reader);
    }

    /** The connection is closed: its reader is dropped. */
    static void closed(Connection<?> connection) {
        READER.remove(connection);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        ReadHandler reader = READER.get(ctx.getConnection());
        if (reader == null) {
            return ctx.getInvokeAction();
        }
        Buffer buffer = ctx.getMessage();
        read(buffer, reader);
        return ctx.getStopAction();
    }

    /** Hands a buffer's bytes to the reader, one byte buffer at a time. */
    static void read(Buffer buffer, ReadHandler reader) {
        if (!buffer.hasRemaining()) {
            return;
        }
        if (!buffer.isComposite()) {
            reader.handle(buffer.toByteBuffer());
            return;
        }
        ByteBufferArray parts = buffer.toByteBufferArray();
        ByteBuffer[] array = parts.getArray();
        for (int i = 0; i < parts.size(); i++) {
            reader.handle(array[i]);
        }
        parts.recycle();
    }
}
