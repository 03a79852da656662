package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.junit.jupiter.api.Test;

/**
 * Our WebSocket upgrade on a Grizzly listener that also serves plain HTTP: plain requests reach their handler,
 * upgrades reach the Tyrus endpoint, through Tyrus's public SPI only.
 */
class WebSocketUpgradeTest {
    /** Echoes every text message back. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(
                    String.class, text -> session.getAsyncRemote().sendText(text));
        }
    }

    @Test
    void aListenerServesPlainHttpAndWebSocketUpgradesOnTheSamePort() throws Exception {
        var container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final WebSocketEngine engine =
                    TyrusWebSocketEngine.builder(this).build();

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                engine.register(endpointClass, "");
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                engine.register(config, "");
            }

            @Override
            public WebSocketEngine getWebSocketEngine() {
                return engine;
            }
        };
        container.register(
                ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
        var server = new HttpServer();
        var listener = new NetworkListener("shared", "127.0.0.1", 0);
        server.addListener(listener);
        server.getServerConfiguration()
                .addHttpHandler(
                        new HttpHandler() {
                            @Override
                            public void service(Request request, Response response) throws Exception {
                                response.setContentType("text/plain");
                                response.getWriter().write("plain");
                            }
                        },
                        "/plain");
        listener.registerAddOn(new WebSocketUpgrade(container.getWebSocketEngine()));
        server.start();
        try {
            int port = listener.getPort();
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var plain = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plain"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, plain.statusCode());
            assertEquals("plain", plain.body());

            var echoed = new CompletableFuture<String>();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            socket.sendText("over the shared listener", true).get(10, TimeUnit.SECONDS);
            assertEquals("over the shared listener", echoed.get(10, TimeUnit.SECONDS));
            socket.abort();
        } finally {
            server.shutdownNow();
        }
    }
}
