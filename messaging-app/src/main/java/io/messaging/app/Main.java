package io.messaging.app;

import io.messaging.core.port.out.StoreException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the messaging server from environment variables; exit status 2 for a configuration error. With the one
 * argument {@code --record-class-archive} it starts, answers one health check and stops (the build's AppCDS run).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean recording = args.length == 1 && args[0].equals(ClassArchiveRun.FLAG);
        var loaded = ConfigLoader.load(recording ? ClassArchiveRun.environment(System.getenv()) : System.getenv());
        if (loaded instanceof ConfigLoader.Loaded.Invalid invalid) {
            System.err.println(invalid.line());
            System.exit(2);
            return;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);
        var config = ((ConfigLoader.Loaded.Valid) loaded).config();
        MessagingServer server;
        try {
            server = MessagingServer.start(config);
        } catch (StoreException e) {
            log.error("the server could not start: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            log.error("the server could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        if (recording) {
            try {
                ClassArchiveRun.finish(server);
            } catch (Exception e) {
                log.error("the class archive run failed: {}", e.getMessage(), e);
                System.exit(1);
            }
            System.exit(0);
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("stopping");
                            server.close();
                            log.info("stopped");
                            stopped.countDown();
                        },
                        "shutdown"));
        log.info("listening on http://localhost:{}", server.port());
    }
}
