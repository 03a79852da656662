package io.messaging.app;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.port.out.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** The Prometheus registry of the server and the meters every part records into. */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter messages;
    private final Counter edits;
    private final Counter reads;

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        messages = Counter.builder("messaging.messages.sent")
                .description("messages stored")
                .register(registry);
        edits = Counter.builder("messaging.messages.changed")
                .description("edits, reactions and deletions")
                .register(registry);
        reads = Counter.builder("messaging.receipts")
                .description("read receipts published")
                .register(registry);
    }

    /** What the function counters read from, held here because the registry holds them only weakly. */
    private final List<Supplier<Number>> readers = new CopyOnWriteArrayList<>();

    MeterRegistry registry() {
        return registry;
    }

    /** Counts the domain events as they are published on this node. */
    void countEvents(EventBus events) {
        events.subscribeToLocal(event -> {
            if (event instanceof DomainEvent.MessageCreated) {
                messages.increment();
            } else if (event instanceof DomainEvent.MessageUpdated || event instanceof DomainEvent.MessageDeleted) {
                edits.increment();
            } else if (event instanceof DomainEvent.MessagesRead read) {
                reads.increment(read.messageIds().size());
            }
        });
    }

    /** A gauge read from a live value, such as the number of open connections. */
    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A counter read from a live total, such as the events delivered to sockets. */
    void counter(String name, String description, Supplier<Number> total) {
        // a function counter holds its object weakly and, once it is collected, repeats its last value for ever
        readers.add(total);
        FunctionCounter.builder(name, total, supplier -> supplier.get().doubleValue())
                .description(description)
                .register(registry);
    }

    Timer timer(String name, String... tags) {
        return Timer.builder(name).tags(tags).publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Serves the scrape at {@code /metrics}. */
    HttpHandler handler() {
        return new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws Exception {
                response.setContentType("text/plain; version=0.0.4; charset=utf-8");
                response.getWriter().write(registry.scrape());
            }
        };
    }
}
