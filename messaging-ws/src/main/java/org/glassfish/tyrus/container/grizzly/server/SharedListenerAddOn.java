package org.glassfish.tyrus.container.grizzly.server;

import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.spi.ServerContainer;

// The one class of this project in another project's package, on purpose: see below.
/**
 * Tyrus's Grizzly add-on for a listener that an application already owns. Tyrus only installs it on servers it
 * creates itself: {@code WebSocketAddOn}'s constructor and the {@code GrizzlyServerFilter} it installs are
 * package-private, and Tyrus 2.2.0 has no public way to put WebSocket upgrades on an existing Grizzly listener.
 * Living in Tyrus's package lets the real-time adapter share the one HTTP port with Jersey without reflection and
 * without a copy of Tyrus's filter (the public SPI way would be our own upgrade filter, some 300 lines that would
 * follow Tyrus's internals anyway). The Tyrus version is pinned in the parent POM, and {@code
 * SharedListenerAddOnTest} fails on any other version and when upgrades stop reaching the endpoints. It works on
 * the class path only: on the module path the package is Tyrus's alone.
 */
public final class SharedListenerAddOn {
    private SharedListenerAddOn() {}

    /** The add-on that routes WebSocket upgrades under {@code contextPath} to the container's endpoints. */
    public static AddOn of(ServerContainer container, String contextPath) {
        return new WebSocketAddOn(container, contextPath);
    }
}
