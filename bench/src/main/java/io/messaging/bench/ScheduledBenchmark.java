package io.messaging.bench;

import io.messaging.core.Messaging;
import io.messaging.core.memory.InMemoryScheduledMessages;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;
import io.messaging.sqlite.SqliteStores;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 10,000 scheduled messages due at the same moment, in 500 conversations: the time from that moment until the last
 * is sent (stored, published and recorded as sent), with the server's dispatcher (its timer and 16 sends at once).
 * The messages are scheduled an hour ahead on a clock that then jumps to just before that hour, so the wait is not
 * part of the run. Usage: {@code java -cp messaging-bench.jar io.messaging.bench.ScheduledBenchmark}; the store
 * benchmark runs it too.
 */
public final class ScheduledBenchmark {
    static final String FIGURE = "10,000 scheduled messages due at once";
    private static final int MESSAGES = 10_000;
    private static final int CONVERSATIONS = 500;
    private static final int SENDERS = 16;

    private ScheduledBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("%s: SQLite %s; in-memory %s%n", FIGURE, sqlite(), inMemory());
    }

    /** The figure on a fresh SQLite store in a temporary directory, deleted after. */
    static String sqlite() throws Exception {
        var dir = Files.createTempDirectory("messaging-bench-scheduled");
        try (var store = SqliteStores.open(dir, SqliteStores.Durability.PROCESS_CRASH)) {
            return measure(store.stores(), store.scheduledMessages());
        } finally {
            try (var paths = Files.walk(dir)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The figure on the in-memory stores. */
    static String inMemory() throws Exception {
        return measure(InMemoryStores.create(), new InMemoryScheduledMessages());
    }

    /** The system clock moved by an offset that the run sets. */
    private static final class ShiftedClock implements Clock {
        private final AtomicLong offsetMillis = new AtomicLong();

        @Override
        public Instant now() {
            return Instant.now().plusMillis(offsetMillis.get()).truncatedTo(ChronoUnit.MILLIS);
        }
    }

    private static String measure(Stores stores, ScheduledMessages scheduled) throws Exception {
        var clock = new ShiftedClock();
        Messaging core = Messaging.builder()
                .stores(stores)
                .scheduledMessages(scheduled)
                .clock(clock)
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .build();
        List<Conversation> conversations = conversations(stores);
        Instant due = clock.now().plus(Duration.ofHours(1));
        schedule(core, conversations, due);

        var allSent = new CountDownLatch(MESSAGES);
        var lastSent = new AtomicLong();
        core.events().subscribe(event -> {
            if (event instanceof DomainEvent.ScheduledMessageChanged changed
                    && changed.scheduled().status() == ScheduledStatus.SENT) {
                lastSent.set(System.nanoTime());
                allSent.countDown();
            }
        });
        long lead = 300;
        clock.offsetMillis.set(Duration.between(Instant.now(), due).toMillis() - lead);
        long dueAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lead);
        try (var timer = core.startScheduledDispatch(SENDERS)) {
            if (!allSent.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (MESSAGES - allSent.getCount()) + " sent in 120 s");
            }
        }
        double seconds = (lastSent.get() - dueAtNanos) / 1e9;
        return String.format("all sent %.2f s after they were due (%,.0f sends/s)", seconds, MESSAGES / seconds);
    }

    private static List<Conversation> conversations(Stores stores) {
        return Population.of(stores, CONVERSATIONS / 5, CONVERSATIONS).conversations();
    }

    /** Schedules the messages from 64 threads, as many users would. */
    private static void schedule(Messaging core, List<Conversation> conversations, Instant due) throws Exception {
        var pool = Executors.newFixedThreadPool(64);
        try {
            var work = new ArrayList<Future<?>>();
            for (int i = 0; i < MESSAGES; i++) {
                Conversation conversation = conversations.get(i % conversations.size());
                String content = "scheduled " + i;
                work.add(pool.submit(() -> core.scheduleMessage()
                        .schedule(new ScheduleMessage.Command(
                                new SendMessage.Command(
                                        conversation.participantIds().get(0),
                                        new SendMessage.Target.ToConversation(conversation.id()),
                                        MessageType.TEXT,
                                        content,
                                        List.of(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                due))
                        .orElseThrow()));
            }
            for (var done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
