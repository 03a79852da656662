package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.port.out.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventBus}, run against every adapter: every kind of event arrives whole and once, the
 * message events of a conversation in publishing order, a failing subscriber hurts no other, a closed subscription gets nothing more. A bus may deliver on another
 * thread, so the test waits for each event (generously: the wait bounds a failure, not the speed).
 */
public abstract class AbstractEventBusContractTest {
    private static final long WAIT_SECONDS = 10;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A new bus, ready to publish; the test closes it if it is {@link AutoCloseable}. */
    protected abstract EventBus newBus();

    private EventBus bus() {
        EventBus bus = newBus();
        if (bus instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        return bus;
    }

    @AfterEach
    void closeBuses() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private static DomainEvent next(BlockingQueue<DomainEvent> received) throws InterruptedException {
        DomainEvent event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "an event was published but did not arrive");
        return event;
    }

    @Test
    void everyKindOfEventArrivesWholeOnceAndAConversationsMessageEventsInPublishingOrder() throws Exception {
        EventBus bus = bus();
        BlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        bus.subscribe(received::add);
        List<DomainEvent> events = SampleEvents.everyKind();
        events.forEach(bus::publish);
        var arrived = new ArrayList<DomainEvent>();
        for (int i = 0; i < events.size(); i++) {
            arrived.add(next(received));
        }
        assertEquals(counted(events), counted(arrived), "every event, whole and once");
        assertEquals(messageEvents(events), messageEvents(arrived), "a conversation's message events in order");
    }

    private static Map<DomainEvent, Long> counted(List<DomainEvent> events) {
        return events.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<DomainEvent> messageEvents(List<DomainEvent> events) {
        return events.stream()
                .filter(event -> event instanceof DomainEvent.MessageCreated
                        || event instanceof DomainEvent.MessageUpdated
                        || event instanceof DomainEvent.MessageDeleted
                        || event instanceof DomainEvent.MessagesRead)
                .toList();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() throws Exception {
        EventBus bus = bus();
        bus.subscribe(event -> {
            throw new IllegalStateException("subscriber failure");
        });
        BlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        bus.subscribe(received::add);
        var first = SampleEvents.everyKind().get(0);
        var second = SampleEvents.everyKind().get(1);
        bus.publish(first);
        bus.publish(second);
        assertEquals(first, next(received));
        assertEquals(second, next(received));
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        EventBus bus = bus();
        BlockingQueue<DomainEvent> closed = new LinkedBlockingQueue<>();
        BlockingQueue<DomainEvent> open = new LinkedBlockingQueue<>();
        var subscription = bus.subscribe(closed::add);
        bus.subscribe(open::add);
        var first = SampleEvents.everyKind().get(0);
        bus.publish(first);
        assertEquals(first, next(open));
        assertEquals(first, next(closed));
        subscription.close();
        subscription.close();
        var second = SampleEvents.everyKind().get(1);
        bus.publish(second);
        assertEquals(second, next(open));
        assertNull(closed.poll(), "delivered after close");
    }

    @Test
    void aLocalSubscriberGetsTheEventsPublishedHere() throws Exception {
        EventBus bus = bus();
        BlockingQueue<DomainEvent> local = new LinkedBlockingQueue<>();
        bus.subscribeToLocal(local::add);
        var event = SampleEvents.everyKind().get(2);
        bus.publish(event);
        assertEquals(event, next(local));
    }
}
