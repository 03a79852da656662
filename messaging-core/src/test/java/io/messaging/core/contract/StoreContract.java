package io.messaging.core.contract;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every store contract test: a fresh set of stores per test from the adapter under test, and
 * builders for the values the tests store. An adapter's test extends each contract with its {@link StoreAdapter}.
 */
public abstract class StoreContract {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** A fixed, millisecond-precise start so that stored and loaded instants compare equal. */
    protected static final Instant T0 = Instant.parse("2026-11-24T09:00:00.000Z");

    private final StoreAdapter adapter;
    protected Stores stores;

    protected StoreContract(StoreAdapter adapter) {
        this.adapter = adapter;
    }

    @BeforeEach
    final void openStores() throws Exception {
        stores = adapter.open();
    }

    @AfterEach
    final void releaseStores() throws Exception {
        adapter.close();
    }

    protected static String uniqueId(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
    }

    protected static UserAccount account(String username) {
        var user = new User(
                UserId.of(uniqueId("u")),
                username,
                username + "@example.com",
                "Name " + username,
                true,
                T0,
                Optional.empty());
        return new UserAccount(user, "hash-of-" + username);
    }

    /** Stores a user and returns its id. */
    protected UserId user(String username) {
        var account = account(username);
        stores.users().insert(account);
        return account.id();
    }

    /** Stores a direct conversation between two users and returns it. */
    protected Conversation direct(UserId first, UserId second) {
        return stores.conversations()
                .insertDirectIfAbsent(Conversation.direct(ConversationId.of(uniqueId("c")), first, second, T0));
    }

    /** Stores a group conversation created at {@code createdAt} and returns it. */
    protected Conversation group(String title, Instant createdAt, UserId creator, UserId... others) {
        var participants = new ArrayList<UserId>();
        participants.add(creator);
        participants.addAll(List.of(others));
        var group = new Conversation(
                ConversationId.of(uniqueId("c")),
                ConversationType.GROUP,
                Optional.of(title),
                participants,
                creator,
                createdAt,
                Optional.empty());
        stores.conversations().insert(group);
        return group;
    }

    protected static NewMessage text(ConversationId conversationId, UserId sender, String content, Instant at) {
        return new NewMessage(
                MessageId.of(uniqueId("m")),
                conversationId,
                sender,
                Optional.empty(),
                MessageType.TEXT,
                content,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                at);
    }

    protected static NewMessage withClientId(NewMessage message, String clientMessageId) {
        return new NewMessage(
                message.id(),
                message.conversationId(),
                message.senderId(),
                message.recipientId(),
                message.type(),
                message.content(),
                message.attachments(),
                Optional.of(clientMessageId),
                message.replyToId(),
                message.createdAt());
    }

    protected static NewMessage withAttachment(NewMessage message, AttachmentId attachmentId) {
        return new NewMessage(
                message.id(),
                message.conversationId(),
                message.senderId(),
                message.recipientId(),
                MessageType.FILE,
                message.content(),
                List.of(new Attachment(attachmentId, "application/pdf", 3, Optional.of("a.pdf"))),
                message.clientMessageId(),
                message.replyToId(),
                message.createdAt());
    }

    /** Appends a text message and returns it as stored. */
    protected Message send(ConversationId conversationId, UserId sender, String content, Instant at) {
        return stores.messages()
                .append(text(conversationId, sender, content, at))
                .message();
    }
}
