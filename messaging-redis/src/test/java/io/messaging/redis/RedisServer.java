package io.messaging.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests, as its own process on a free port with nothing persisted. Finds Debian's
 * {@code redis-server} on the PATH, or installs it with apt-get when running as root (and says so); otherwise the
 * test cannot run and fails with what to install.
 */
public final class RedisServer implements AutoCloseable {
    private static final List<Path> KNOWN = List.of(
            Path.of("/usr/bin/redis-server"),
            Path.of("/usr/sbin/redis-server"),
            Path.of("/usr/local/bin/redis-server"));

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts a fresh Redis on a free port. */
    public static RedisServer start() throws IOException, InterruptedException {
        var server = new RedisServer(freePort());
        server.launch();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills Redis (SIGKILL): every connection drops and, with nothing persisted, every key is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts Redis again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Path binary = binary();
        process = new ProcessBuilder(
                        binary.toString(),
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--protected-mode",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("redis-server did not listen on " + port + " within 20 s");
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IOException("redis-server not found: install it (Debian: apt-get install -y redis-server)");
        }
        System.out.println("redis-server not found: installing Debian's redis-server with apt-get");
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "redis-server");
        return find().orElseThrow(() -> new IOException("apt-get installed no redis-server"));
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return KNOWN.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Runs an install step with its output read here, not written to the test JVM's own descriptors (where it would
     * corrupt Surefire's channel to the forked JVM), and says what it printed when it fails.
     */
    private static void run(String... command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with " + process.exitValue() + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
