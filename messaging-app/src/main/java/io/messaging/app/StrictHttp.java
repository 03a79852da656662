package io.messaging.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ObjIntConsumer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.utils.DelayedExecutor;

/**
 * Puts {@link StrictHttpCodec} in place of Grizzly's HTTP codec on a listener, keeping its settings, so a malformed
 * request never reaches a handler and is answered with a problem document. Register before the server starts; close
 * with it.
 */
final class StrictHttp implements AddOn, AutoCloseable {
    private final ObjIntConsumer<String> refused;
    private final ExecutorService keepAliveThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "http-keep-alive");
        thread.setDaemon(true);
        return thread;
    });
    private final DelayedExecutor keepAliveTimer = new DelayedExecutor(keepAliveThreads);

    /** {@code refused} is told the method and status of every request the codec answers itself. */
    StrictHttp(ObjIntConsumer<String> refused) {
        this.refused = refused;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        var original = (HttpServerFilter) builder.get(index);
        int maxHeaderSize = listener.getMaxHttpHeaderSize() > 0
                ? listener.getMaxHttpHeaderSize()
                : HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE;
        var strict = new StrictHttpCodec(
                listener.isChunkingEnabled(),
                maxHeaderSize,
                listener.getKeepAlive(),
                keepAliveTimer,
                listener.getMaxRequestHeaders(),
                listener.getMaxResponseHeaders(),
                refused);
        for (var encoding : original.getContentEncodings()) {
            strict.addContentEncoding(encoding);
        }
        strict.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        strict.setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
        strict.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        strict.getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
        builder.set(index, strict);
        keepAliveTimer.start();
    }

    @Override
    public void close() {
        keepAliveTimer.stop();
        keepAliveThreads.shutdownNow();
    }
}
