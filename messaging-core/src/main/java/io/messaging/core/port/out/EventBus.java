package io.messaging.core.port.out;

import io.messaging.core.model.DomainEvent;
import java.util.function.Consumer;

/**
 * Carries domain events from the use cases (which publish only after the store committed) to subscribers such as
 * the real-time adapter, on this node and, for a distributed bus, on every node. Thread-safe.
 */
public interface EventBus {

    /** A registration that can be cancelled. */
    interface Subscription extends AutoCloseable {
        /** Stops delivery to this subscriber; idempotent. */
        @Override
        void close();
    }

    /**
     * Hands the event to every subscriber, once. Never throws: a failing subscriber is isolated and reported, and
     * the publisher (whose change is already stored) goes on. The message events of one conversation (created,
     * updated, deleted, read) reach each subscriber in the order they were published, and new messages in seq order
     * across nodes; other events may overtake them or each other (a distributed bus holds a conversation's events
     * back while a message of it waits for its predecessor from another node).
     */
    void publish(DomainEvent event);

    /** Registers a subscriber for every event published from now on (on every node, for a distributed bus). */
    Subscription subscribe(Consumer<? super DomainEvent> subscriber);

    /**
     * Registers a subscriber for the events published on this node only, from now on: for work that must happen
     * once per event however many nodes there are (deciding pushes), which {@link #subscribe} would repeat on every
     * node. A bus of one node delivers the same events to both kinds of subscriber.
     */
    default Subscription subscribeToLocal(Consumer<? super DomainEvent> subscriber) {
        return subscribe(subscriber);
    }
}
