package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket handshake frees the upgrade request by removing it from the attribute where Grizzly's HTTP codec
 * keeps a request in process: this proves, on the Grizzly version in use, that the attribute it removes is the
 * codec's, holding the very request a filter behind the codec sees.
 */
class GrizzlyRequestAttributeTest {
    @Test
    void theCodecKeepsTheRequestInProcessUnderTheAttributeTheHandshakeRemoves() throws Exception {
        var server = new HttpServer();
        var listener = new NetworkListener("test", "127.0.0.1", 0);
        server.addListener(listener);
        listener.registerAddOn((networkListener, builder) -> builder.add(
                builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class), new BaseFilter() {
                    @Override
                    public NextAction handleRead(FilterChainContext ctx) {
                        HttpContent content = ctx.getMessage();
                        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
                        boolean same = HandshakeFilter.REQUEST_IN_PROCESS.get(ctx.getConnection()) == request;
                        request.getResponse().setHeader("X-Same-Request", String.valueOf(same));
                        return ctx.getInvokeAction();
                    }
                }));
        server.start();
        try {
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.getPort() + "/anything"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals("true", response.headers().firstValue("X-Same-Request").orElse("absent"));
        } finally {
            server.shutdownNow();
        }
    }
}
