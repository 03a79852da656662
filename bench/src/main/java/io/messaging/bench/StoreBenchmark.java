package io.messaging.bench;

import com.sun.management.OperatingSystemMXBean;
import io.messaging.core.Messaging;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.platform.RandomIdGenerator;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SearchMessages;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.Stores;
import io.messaging.sqlite.SqliteStores;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

// Over 300 lines because it is one benchmark program: its scenarios, their timing and the report.
/**
 * Loads the same data set into the embedded SQLite store and the in-memory reference, then measures history
 * pages, unread counts, search, durable sends with 64 senders and (for SQLite) startup, through the core's use
 * cases. Usage: {@code java -jar messaging-bench.jar [--messages N] [--conversations M] [--seconds S]
 * [--rounds R]}: each send figure is the median of R rounds of S seconds, with the slowest and fastest round beside
 * it, as throughput on a shared machine moves from one round to the next.
 */
public final class StoreBenchmark {
    private static final String[] TOPICS = topics();
    /** How many conversations the second send figure spreads its senders over: a day's busy few, not all. */
    private static final int ACTIVE_CONVERSATIONS = 500;
    /** Threads that load, append or send at once. */
    private static final int WORKERS = 64;

    private final int messages;
    private final int conversations;
    private final int sendSeconds;
    private final int sendRounds;
    /** What the store under measurement does to finish the work behind its acknowledgements (see {@link #run}). */
    private Runnable settle = () -> {};
    /** Rounds sent so far, in every figure: part of each client message id, so no round repeats another's ids. */
    private int roundsSent;

    private StoreBenchmark(int messages, int conversations, int sendSeconds, int sendRounds) {
        this.messages = messages;
        this.conversations = conversations;
        this.sendSeconds = sendSeconds;
        this.sendRounds = sendRounds;
    }

    public static void main(String[] args) throws Exception {
        int messages = 1_000_000;
        int conversations = 10_000;
        int seconds = 10;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--conversations" -> conversations = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var benchmark = new StoreBenchmark(messages, conversations, seconds, rounds);
        System.out.printf(
                "%,d messages in %,d conversations, %d cores, Java %s%n",
                messages,
                conversations,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Map<String, String> sqlite = benchmark.runSqlite();
        Map<String, String> memory = benchmark.run("in-memory", InMemoryStores::create, () -> {}, null);
        sqlite.put(ScheduledBenchmark.FIGURE, ScheduledBenchmark.sqlite());
        memory.put(ScheduledBenchmark.FIGURE, ScheduledBenchmark.inMemory());
        System.out.printf("%n%-36s %-62s %-62s%n", "figure", "SQLite (embedded default)", "in-memory (reference)");
        for (String figure : sqlite.keySet()) {
            System.out.printf("%-36s %-62s %-62s%n", figure, sqlite.get(figure), memory.getOrDefault(figure, "-"));
        }
    }

    private Map<String, String> runSqlite() throws Exception {
        Path dir = Files.createTempDirectory("messaging-bench");
        var opened = new SqliteStores[] {SqliteStores.open(dir, SqliteStores.Durability.PROCESS_CRASH)};
        Map<String, String> figures = run("SQLite", () -> opened[0].stores(), () -> opened[0].awaitTables(), dir);
        opened[0].close();
        long started = System.nanoTime();
        var reopened = SqliteStores.open(dir, SqliteStores.Durability.PROCESS_CRASH);
        reopened.stores().users().findByUsername("user0");
        figures.put("startup on the loaded store", String.format("%.2f s", (System.nanoTime() - started) / 1e9));
        reopened.close();
        figures.put("database size", String.format("%,d MB", size(dir) / 1_000_000));
        delete(dir);
        return figures;
    }

    /** Removes the benchmark's data directory, a gigabyte or more at the default size. */
    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Measures one store. {@code settle} returns once the store has finished the work behind what it acknowledged
     * (for SQLite: acknowledged messages written from its journal into the tables); a send round's time includes
     * it, so a store cannot look faster by falling behind.
     */
    private Map<String, String> run(String name, Supplier<Stores> storeSupplier, Runnable settle, Path dir)
            throws Exception {
        this.settle = settle;
        System.out.printf("%n== %s ==%n", name);
        Stores stores = storeSupplier.get();
        Messaging core = Messaging.builder()
                .stores(stores)
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .build();
        var figures = new LinkedHashMap<String, String>();
        int users = Math.max(10, conversations / 10);
        var population = Population.of(stores, users, conversations);
        List<UserId> userIds = population.users();
        List<Conversation> pairs = population.conversations();
        long loadStarted = System.nanoTime();
        load(stores, pairs);
        settle.run();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        figures.put("load through the store (64 threads)", String.format("%,.0f inserts/s", messages / loadSeconds));
        System.out.printf("loaded in %.1f s%n", loadSeconds);

        var random = ThreadLocalRandom.current();
        int samples = 2000;
        var latest = new Percentiles(samples);
        var before = new Percentiles(samples);
        var after = new Percentiles(samples);
        long perConversation = Math.max(1, messages / conversations);
        for (int i = 0; i < samples; i++) {
            Conversation conversation = pairs.get(random.nextInt(pairs.size()));
            UserId viewer = conversation.participantIds().get(0);
            long seq = 1 + random.nextLong(perConversation);
            latest.add(time(() -> core.listHistory()
                    .list(new ListHistory.Query(viewer, conversation.id(), 50, Optional.empty(), Optional.empty()))
                    .orElseThrow()));
            before.add(time(() -> core.listHistory()
                    .list(new ListHistory.Query(
                            viewer, conversation.id(), 50, Optional.of(Long.toString(seq)), Optional.empty()))
                    .orElseThrow()));
            after.add(time(() -> core.listHistory()
                    .list(new ListHistory.Query(viewer, conversation.id(), 50, Optional.empty(), Optional.of(seq)))
                    .orElseThrow()));
        }
        figures.put("history page of 50, newest", latest.summary());
        figures.put("history page of 50, before a seq", before.summary());
        figures.put("history page of 50, after a seq", after.summary());

        var unread = new Percentiles(samples);
        for (int i = 0; i < samples; i++) {
            UserId user = userIds.get(random.nextInt(users));
            unread.add(time(() -> core.countUnread().count(user).orElseThrow()));
        }
        figures.put("unread counts of a user", unread.summary());

        int searches = 500;
        var search = new Percentiles(searches);
        for (int i = 0; i < searches; i++) {
            UserId user = userIds.get(random.nextInt(users));
            String word = TOPICS[random.nextInt(TOPICS.length)];
            search.add(time(() -> core.searchMessages()
                    .search(new SearchMessages.Query(user, word, Optional.empty(), 20, Optional.empty()))
                    .orElseThrow()));
        }
        figures.put("search in a user's conversations", search.summary());
        var ids = new RandomIdGenerator();
        figures.put("store appends alone (64 threads)", sends(pairs, "appends", (conversation, clientId, content) -> {
            UserId sender = conversation.participantIds().get(0);
            stores.messages()
                    .append(new NewMessage(
                            MessageId.of(ids.newId()),
                            conversation.id(),
                            sender,
                            conversation.otherParticipant(sender),
                            MessageType.TEXT,
                            content,
                            List.of(),
                            Optional.of(clientId),
                            Optional.empty(),
                            Instant.now()));
        }));
        Send throughCore = (conversation, clientId, content) -> core.sendMessage()
                .send(new SendMessage.Command(
                        conversation.participantIds().get(0),
                        new SendMessage.Target.ToConversation(conversation.id()),
                        MessageType.TEXT,
                        content,
                        List.of(),
                        Optional.of(clientId),
                        Optional.empty(),
                        Optional.empty()))
                .orElseThrow();
        figures.put("durable sends (64 senders)", sends(pairs, "sends", throughCore));
        int active = Math.min(pairs.size(), ACTIVE_CONVERSATIONS);
        figures.put("same, " + active + " busy conversations", sends(pairs.subList(0, active), "sends", throughCore));
        return figures;
    }

    private void load(Stores stores, List<Conversation> pairs) throws InterruptedException {
        var next = new AtomicLong();
        onWorkers(
                thread -> () -> {
                    long i;
                    while ((i = next.getAndIncrement()) < messages) {
                        Conversation conversation = pairs.get((int) (i % pairs.size()));
                        UserId sender = conversation.participantIds().get((int) (i / pairs.size() % 2));
                        stores.messages()
                                .append(new NewMessage(
                                        MessageId.of("m" + i),
                                        conversation.id(),
                                        sender,
                                        conversation.otherParticipant(sender),
                                        MessageType.TEXT,
                                        content(i),
                                        List.of(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Instant.now()));
                    }
                },
                () -> {});
    }

    /**
     * Runs {@value #WORKERS} workers, then {@code meanwhile} on this thread, and returns when every worker has
     * returned; fails if any of them failed, as a figure from workers that stopped early would be wrong.
     */
    private static void onWorkers(IntFunction<Runnable> worker, InterruptibleRunnable meanwhile)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        var running = new ArrayList<Future<?>>();
        for (int t = 0; t < WORKERS; t++) {
            running.add(pool.submit(worker.apply(t)));
        }
        meanwhile.run();
        pool.shutdown();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** What the benchmark thread does while the workers run. */
    private interface InterruptibleRunnable {
        void run() throws InterruptedException;
    }

    /** One send of the benchmark: a message into the conversation, with a client message id never used before. */
    private interface Send {
        void send(Conversation conversation, String clientId, String content);
    }

    /** The median round's throughput, the slowest and fastest beside it, and the latency over all rounds. */
    private String sends(List<Conversation> pairs, String what, Send send) throws InterruptedException {
        var perSecond = new ArrayList<Double>();
        var latencies = new ArrayList<Percentiles>();
        var cpu = new ArrayList<Double>();
        for (int round = 0; round < sendRounds; round++) {
            perSecond.add(sendRound(pairs, send, latencies, cpu));
        }
        perSecond.sort(null);
        cpu.sort(null);
        return String.format(
                "%,.0f %s/s (%,.0f-%,.0f), %s, CPU %.0f µs each",
                perSecond.get(perSecond.size() / 2),
                what,
                perSecond.get(0),
                perSecond.get(perSecond.size() - 1),
                Percentiles.merge(latencies).summary(),
                cpu.get(cpu.size() / 2));
    }

    /**
     * One round: its throughput, with the process's CPU time per message (every thread, the senders' too) added to
     * {@code cpu}, a steadier figure than throughput on a shared machine.
     */
    private double sendRound(List<Conversation> pairs, Send send, List<Percentiles> latencies, List<Double> cpu)
            throws InterruptedException {
        int round = roundsSent++;
        var stop = new AtomicBoolean();
        var sent = new AtomicLong();
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        onWorkers(
                thread -> {
                    var latency = new Percentiles(100_000);
                    latencies.add(latency);
                    return () -> {
                        var random = ThreadLocalRandom.current();
                        long n = 0;
                        while (!stop.get()) {
                            Conversation conversation = pairs.get(random.nextInt(pairs.size()));
                            String clientId = "bench-" + round + "-" + thread + "-" + n;
                            String content = content(n++);
                            latency.add(time(() -> send.send(conversation, clientId, content)));
                            sent.incrementAndGet();
                        }
                    };
                },
                () -> {
                    Thread.sleep(sendSeconds * 1000L);
                    stop.set(true);
                });
        settle.run();
        cpu.add((processCpuNanos() - cpuStarted) / 1e3 / sent.get());
        return sent.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String content(long i) {
        return "message " + i + " about " + TOPICS[(int) (i * 7919 % TOPICS.length)] + " and "
                + TOPICS[(int) (i * 104729 % TOPICS.length)];
    }

    private static String[] topics() {
        String[] words = new String[1000];
        for (int i = 0; i < words.length; i++) {
            words[i] = "topic" + Integer.toString(i, 36) + "x";
        }
        return words;
    }

    private static long time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(path -> path.toFile().length())
                    .sum();
        }
    }
}
