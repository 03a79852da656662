package io.messaging.ws;

import io.messaging.core.Messaging;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.LogIn;
import io.messaging.core.port.in.RegisterUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/** The real-time adapter on a real Grizzly server over an in-memory core, with raw protocol clients. */
final class RealTimeFixture implements AutoCloseable {
    final Messaging core = Messaging.builder()
            .passwordHasher(new Pbkdf2PasswordHasher(1))
            .typingExpiry(Duration.ofSeconds(1))
            .build();
    final RealTimeServer realTime;
    private final HttpServer server;
    final String base;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RealTimeFixture(RealTimeOptions options) throws IOException {
        realTime = RealTimeServer.create(core, options);
        server = new HttpServer();
        server.addListener(new NetworkListener("test", "127.0.0.1", 0));
        realTime.attachTo(server);
        server.start();
        base = "http://127.0.0.1:" + server.getListeners().iterator().next().getPort();
    }

    /** A registered user's id and token. */
    record Account(String id, String token) {}

    Account account() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var user = core.registerUser()
                .register(new RegisterUser.Command(name, name + "@example.com", "password1", Optional.empty()))
                .orElseThrow();
        var signedIn = core.logIn().logIn(new LogIn.Command(name, "password1")).orElseThrow();
        return new Account(user.id().value(), signedIn.token());
    }

    /** An HTTP answer of the polling transport. */
    record Reply(int status, String body) {}

    Reply get(String query) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    Reply post(String query, String body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The sid of a new polling session. */
    String pollingHandshake() throws Exception {
        Reply open = get("EIO=4&transport=polling");
        int start = open.body().indexOf("\"sid\":\"") + 7;
        return open.body().substring(start, open.body().indexOf('"', start));
    }

    RawSocket webSocket(String query) {
        var client = new RawSocket();
        client.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(base.replace("http", "ws") + "/socket.io/?" + query), client)
                .join();
        return client;
    }

    List<String> packets(String payload) {
        return List.of(payload.split("\u001e", -1));
    }

    @Override
    public void close() {
        realTime.close();
        server.shutdownNow();
    }
}
