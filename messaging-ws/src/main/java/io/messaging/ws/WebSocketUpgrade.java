package io.messaging.ws;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Serves WebSocket upgrades on a Grizzly HTTP listener through Tyrus's public SPI: a {@link HandshakeFilter}
 * behind the HTTP codec answers the upgrade request, and a {@link WebSocketFramesFilter} in front of the codec
 * hands every later byte of an upgraded connection straight to Tyrus. The HTTP codec never sees a WebSocket frame,
 * and nothing of the HTTP request outlives the handshake.
 */
final class WebSocketUpgrade implements AddOn {
    private final WebSocketEngine engine;

    WebSocketUpgrade(WebSocketEngine engine) {
        this.engine = engine;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
        int handlers = builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
        if (codec < 0 || handlers < 0) {
            throw new IllegalStateException("the listener's filter chain has no HTTP codec and handler filters");
        }
        builder.add(handlers, new HandshakeFilter(engine));
        builder.add(codec, new WebSocketFramesFilter());
    }
}
