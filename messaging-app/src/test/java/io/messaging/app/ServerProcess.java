package io.messaging.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The real {@code main} in a child JVM, and an API client to talk to it. */
final class ServerProcess implements AutoCloseable {
    final Process process;
    final Path log;
    final ApiClient api;

    private ServerProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.api = new ApiClient(base);
    }

    static ServerProcess start(Map<String, String> environment, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        String port = environment.getOrDefault("PORT", "3000");
        return new ServerProcess(builder.start(), log, "http://127.0.0.1:" + port);
    }

    /**
     * Waits until the health endpoint answers 200; a start takes a few seconds of CPU, so on a machine busy with
     * other builds it is given a minute and a half.
     */
    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(log));
            }
            try {
                if (api.call("GET", "/api/health", null, null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not become healthy: " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
