package io.messaging.core.memory;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.port.out.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Delivers events to this process's subscribers, synchronously on the publishing thread, in order. */
public final class InProcessEventBus implements EventBus {
    private static final System.Logger LOG = System.getLogger(InProcessEventBus.class.getName());
    private final List<Consumer<? super DomainEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DomainEvent event) {
        for (var subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "event subscriber failed on " + event.getClass().getSimpleName(),
                        e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<? super DomainEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
