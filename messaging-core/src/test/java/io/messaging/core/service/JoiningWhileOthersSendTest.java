package io.messaging.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.Messaging;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UnreadCounts;
import io.messaging.core.model.UserId;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.Stores;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A message that lands just after someone joins a group counts as unread for them. */
class JoiningWhileOthersSendTest {

    @Test
    void aMessageSentRightAfterTheJoinIsUnreadForTheNewMember() {
        Stores memory = InMemoryStores.create();
        var sendsAfterJoin = new SendsAfterJoin(memory.conversations(), memory.messages());
        Messaging core = Messaging.builder()
                .stores(new Stores(
                        memory.users(),
                        sendsAfterJoin,
                        memory.messages(),
                        memory.readReceipts(),
                        memory.attachments(),
                        memory.oneTimeTokens(),
                        memory.pushSubscriptions(),
                        memory.pushQueue(),
                        memory.devices()))
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .build();
        UserId alice = register(core, "alice");
        UserId bob = register(core, "bob");
        UserId carol = register(core, "carol");
        Conversation group = core.createGroup()
                .create(new CreateGroup.Command(alice, "Team", List.of(bob)))
                .orElseThrow();
        sendsAfterJoin.sender = alice;

        core.addParticipants().add(alice, group.id(), List.of(carol)).orElseThrow();

        assertEquals(
                new UnreadCounts(1, Map.of(group.id(), 1L)),
                core.countUnread().count(carol).orElseThrow());
        assertEquals(
                new UnreadCounts(0, Map.of()), core.countUnread().count(alice).orElseThrow());
    }

    private static UserId register(Messaging core, String name) {
        return core.registerUser()
                .register(new RegisterUser.Command(name, name + "@example.com", "password-" + name, Optional.empty()))
                .orElseThrow()
                .id();
    }

    /** The conversation store, where another member's send commits just after participants are added. */
    private static final class SendsAfterJoin implements Conversations {
        private final Conversations delegate;
        private final Messages messages;
        private UserId sender;

        SendsAfterJoin(Conversations delegate, Messages messages) {
            this.delegate = delegate;
            this.messages = messages;
        }

        @Override
        public Optional<Conversation> addParticipants(ConversationId id, Collection<UserId> userIds) {
            Optional<Conversation> updated = delegate.addParticipants(id, userIds);
            messages.append(new NewMessage(
                    MessageId.of("sent-as-carol-joined"),
                    id,
                    sender,
                    Optional.empty(),
                    MessageType.TEXT,
                    "welcome",
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Instant.now()));
            return updated;
        }

        @Override
        public void insert(Conversation conversation) {
            delegate.insert(conversation);
        }

        @Override
        public Conversation insertDirectIfAbsent(Conversation direct) {
            return delegate.insertDirectIfAbsent(direct);
        }

        @Override
        public Optional<Conversation> findById(ConversationId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<Conversation> findDirect(UserId first, UserId second) {
            return delegate.findDirect(first, second);
        }

        @Override
        public List<Conversation> listForUser(UserId userId, int limit, Optional<ActivityCursor> after) {
            return delegate.listForUser(userId, limit, after);
        }

        @Override
        public List<ConversationId> idsForUser(UserId userId) {
            return delegate.idsForUser(userId);
        }

        @Override
        public Set<UserId> contactsOf(UserId userId) {
            return delegate.contactsOf(userId);
        }

        @Override
        public Optional<Conversation> removeParticipant(ConversationId id, UserId userId) {
            return delegate.removeParticipant(id, userId);
        }

        @Override
        public Optional<Conversation> encrypt(ConversationId id) {
            return delegate.encrypt(id);
        }
    }
}
