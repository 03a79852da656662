package io.messaging.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceAndTypingTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");
    private final UserId stranger = fixture.user("stranger");

    @Test
    void presenceChangesOnlyOnTheFirstAndLastSession() {
        fixture.sendTo(alice, bob, "hi");
        fixture.core.connect().connected(alice, "tab-1");
        fixture.core.connect().connected(alice, "tab-2");
        fixture.core.connect().connected(alice, "tab-2");
        assertEquals(Set.of(alice), fixture.core.listOnlineContacts().list(bob).orElseThrow());
        assertEquals(Set.of(), fixture.core.listOnlineContacts().list(stranger).orElseThrow());

        fixture.core.connect().disconnected(alice, "tab-1");
        fixture.core.connect().disconnected(alice, "tab-1");
        fixture.clock.advance(Duration.ofSeconds(3));
        fixture.core.connect().disconnected(alice, "tab-2");

        var changes = fixture.events(DomainEvent.PresenceChanged.class);
        assertEquals(2, changes.size());
        assertTrue(changes.get(0).online());
        assertEquals(Set.of(bob), changes.get(0).contactIds());
        assertFalse(changes.get(1).online());
        assertEquals(Optional.of(fixture.clock.now()), changes.get(1).lastSeenAt());
        assertEquals(
                Optional.of(fixture.clock.now()),
                fixture.core.viewUser().view(bob, alice).orElseThrow().lastSeenAt());
        assertEquals(Set.of(), fixture.core.listOnlineContacts().list(bob).orElseThrow());
    }

    @Test
    void typingPublishesChangesOnlyAndExpiresByItself() {
        var conversation = fixture.sendTo(alice, bob, "hi").conversationId();
        fixture.core.setTyping().set(alice, conversation, true).orElseThrow();
        fixture.clock.advance(Duration.ofSeconds(3));
        fixture.core.setTyping().set(alice, conversation, true).orElseThrow();
        fixture.clock.advance(Duration.ofSeconds(3));
        assertEquals(0, fixture.core.expireTyping().expireDue());
        fixture.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, fixture.core.expireTyping().expireDue());
        fixture.core.setTyping().set(alice, conversation, false).orElseThrow();

        var typing = fixture.events(DomainEvent.TypingChanged.class);
        assertEquals(
                List.of(true, false),
                typing.stream().map(DomainEvent.TypingChanged::typing).toList());
        assertEquals(List.of(alice, bob), typing.get(1).participantIds());
    }

    @Test
    void theLastDisconnectEndsTyping() {
        var conversation = fixture.sendTo(alice, bob, "hi").conversationId();
        fixture.core.connect().connected(alice, "tab-1");
        fixture.core.setTyping().set(alice, conversation, true).orElseThrow();
        fixture.core.connect().disconnected(alice, "tab-1");

        var typing = fixture.events(DomainEvent.TypingChanged.class);
        assertEquals(
                List.of(true, false),
                typing.stream().map(DomainEvent.TypingChanged::typing).toList());
        assertEquals(0, fixture.core.expireTyping().expireDue());
    }
}
