package org.glassfish.tyrus.container.grizzly.server;

import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Tyrus's Grizzly add-on for a listener that an application already owns. Tyrus only installs it on servers it
 * creates itself (its constructor is package-private); living in Tyrus's package lets the real-time adapter share
 * the one HTTP port with Jersey without reflection.
 */
public final class SharedListenerAddOn {
    private SharedListenerAddOn() {}

    /** The add-on that routes WebSocket upgrades under {@code contextPath} to the container's endpoints. */
    public static AddOn of(ServerContainer container, String contextPath) {
        return new WebSocketAddOn(container, contextPath);
    }
}
