package io.messaging.app;

import io.messaging.core.Messaging;
import io.messaging.push.WebPushSender;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that turns stored messages into queued pushes and sends the due ones, a few times a second; at
 * close it queues what was handed over last, so a graceful stop loses no push, then stops the sender.
 */
final class PushWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushWorker.class);
    private static final long PERIOD_MILLIS = 200;
    private final Messaging core;
    private final WebPushSender sender;
    private final ScheduledExecutorService thread;

    private PushWorker(Messaging core, WebPushSender sender) {
        this.core = core;
        this.sender = sender;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, "push-worker");
            worker.setDaemon(true);
            return worker;
        });
    }

    static PushWorker start(Messaging core, WebPushSender sender) {
        var worker = new PushWorker(core, sender);
        worker.thread.scheduleWithFixedDelay(worker::runOnce, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return worker;
    }

    private void runOnce() {
        try {
            core.decidePushes().decidePending();
            core.dispatchPushes().dispatchDue();
        } catch (RuntimeException e) {
            LOG.error("push delivery failed; trying again shortly", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
            core.decidePushes().decidePending();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the last push decisions could not be queued: {}", e.toString());
        } finally {
            sender.close();
        }
    }
}
