package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static io.messaging.core.service.CoreFixture.attached;
import static io.messaging.core.service.CoreFixture.reply;
import static io.messaging.core.service.CoreFixture.retriable;
import static io.messaging.core.service.CoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.SendMessage.Target;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SendingTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");

    @Test
    void theFirstDirectMessageCreatesTheOneConversationOfThePair() {
        var first = fixture.sendTo(alice, bob, "hi bob");
        var reply = fixture.sendTo(bob, alice, "hi alice");

        assertEquals(first.conversationId(), reply.conversationId());
        assertEquals(List.of(1L, 2L), List.of(first.seq(), reply.seq()));
        assertEquals(Optional.of(bob), first.recipientId());
        var conversation =
                fixture.core.findDirectConversation().find(bob, alice).orElseThrow();
        assertEquals(ConversationType.DIRECT, conversation.type());
        assertEquals(List.of(alice, bob), conversation.participantIds());
        assertEquals(1, fixture.events(DomainEvent.ConversationChanged.class).size());
    }

    @Test
    void publishesEachNewMessageOnceAfterItIsStored() {
        var seenAtPublish = new ArrayList<Optional<Message>>();
        fixture.core.events().subscribe(event -> {
            if (event instanceof DomainEvent.MessageCreated created) {
                seenAtPublish.add(fixture
                        .core
                        .listHistory()
                        .list(new ListHistory.Query(
                                alice, created.message().conversationId(), 1, Optional.empty(), Optional.empty()))
                        .orElseThrow()
                        .items()
                        .stream()
                        .findFirst());
            }
        });
        var command = new SendMessage.Command(
                alice,
                new Target.ToUser(bob),
                MessageType.TEXT,
                "once",
                List.of(),
                Optional.of("client-1"),
                Optional.empty(),
                Optional.of("socket-9"));

        var sent = fixture.core.sendMessage().send(command).orElseThrow();
        var retry = fixture.core.sendMessage().send(command).orElseThrow();

        assertFalse(sent.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(sent.message(), retry.message());
        var created = fixture.events(DomainEvent.MessageCreated.class);
        assertEquals(1, created.size());
        assertEquals(Optional.of("socket-9"), created.get(0).originConnectionId());
        assertEquals(List.of(alice, bob), created.get(0).participantIds());
        assertEquals(List.of(Optional.of(sent.message())), seenAtPublish);
    }

    @Test
    void aClientMessageIdReusedInAnotherConversationIsAConflictAndStoresNothing() {
        UserId carol = fixture.user("carol");
        var first = retriable(alice, new Target.ToUser(bob), "to bob", "reused-id");
        var elsewhere = retriable(alice, new Target.ToUser(carol), "to carol", "reused-id");
        fixture.core.sendMessage().send(first).orElseThrow();

        assertFailure(ErrorCode.CONFLICT, fixture.core.sendMessage().send(elsewhere));
        assertEquals(1, fixture.events(DomainEvent.MessageCreated.class).size());
    }

    @Test
    void eightThreadsOfAThousandSendsGetSeqOneToEightThousand() throws Exception {
        var group = fixture.group(alice, bob);
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> senders = IntStream.range(0, 8)
                    .<Callable<List<Long>>>mapToObj(t -> () -> {
                        var seqs = new ArrayList<Long>();
                        for (int i = 0; i < 1000; i++) {
                            seqs.add(fixture.sendIn(t % 2 == 0 ? alice : bob, group.id(), "m" + i)
                                    .seq());
                        }
                        return seqs;
                    })
                    .toList();
            var all = new ArrayList<Long>();
            for (var future : pool.invokeAll(senders)) {
                all.addAll(future.get());
            }
            assertEquals(LongStream.rangeClosed(1, 8000).boxed().collect(Collectors.toSet()), Set.copyOf(all));
            assertEquals(8000, all.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesInvalidMessages() {
        var conversation = fixture.sendTo(alice, bob, "hi").conversationId();
        var target = new Target.ToConversation(conversation);
        assertFailure(ErrorCode.VALIDATION_FAILED, fixture.core.sendMessage().send(text(alice, target, "  ")));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core.sendMessage().send(text(alice, target, "x".repeat(Limits.CONTENT_MAX + 1))));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core.sendMessage().send(text(alice, new Target.ToUser(alice), "me")));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .sendMessage()
                        .send(attached(alice, target, MessageType.IMAGE, List.of(), Optional.empty())));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .sendMessage()
                        .send(new SendMessage.Command(
                                alice,
                                target,
                                MessageType.TEXT,
                                "x",
                                List.of(),
                                Optional.of(""),
                                Optional.empty(),
                                Optional.empty())));
        assertTrue(fixture.core
                .sendMessage()
                .send(text(alice, target, "x".repeat(Limits.CONTENT_MAX)))
                .isOk());
    }

    @Test
    void refusesUnknownRecipientsForeignRepliesAndOthersAttachments() {
        var carol = fixture.user("carol");
        var carolsMessage = fixture.sendTo(carol, bob, "elsewhere");
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core.sendMessage().send(text(alice, new Target.ToUser(UserId.of("nobody")), "hi")));
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core.sendMessage().send(reply(alice, new Target.ToUser(bob), "re", carolsMessage.id())));

        var upload = fixture.core
                .uploadAttachment()
                .upload(carol, "image/png", new ByteArrayInputStream(new byte[] {1, 2, 3}))
                .orElseThrow();
        var foreign = List.of(new Attachment(upload.id(), "image/png", 3, Optional.empty()));
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core
                        .sendMessage()
                        .send(attached(alice, new Target.ToUser(bob), MessageType.IMAGE, foreign, Optional.empty())));
    }

    @Test
    void attachmentsTakeTypeAndSizeFromTheStoreAndAreVisibleToParticipantsOnly() throws Exception {
        var carol = fixture.user("carol");
        var upload = fixture.core
                .uploadAttachment()
                .upload(alice, "image/png; charset=binary", new ByteArrayInputStream(new byte[] {1, 2, 3}))
                .orElseThrow();
        assertEquals("image/png", upload.contentType());
        var claimed = List.of(new Attachment(upload.id(), "text/html", 999, Optional.of("cat.png")));

        var sent = fixture.core
                .sendMessage()
                .send(attached(alice, new Target.ToUser(bob), MessageType.IMAGE, claimed, Optional.empty()))
                .orElseThrow()
                .message();

        assertEquals(List.of(new Attachment(upload.id(), "image/png", 3, Optional.of("cat.png"))), sent.attachments());
        try (var download = fixture.core
                .downloadAttachment()
                .open(bob, upload.id())
                .orElseThrow()
                .content()) {
            assertEquals(3, download.readAllBytes().length);
        }
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.downloadAttachment().open(carol, upload.id()));
    }

    @Test
    void uploadsAreLimitedBySizeAndType() {
        var small = new CoreFixture(false, new AttachmentPolicy(10, List.of("image/*")));
        var user = small.user("uploader");
        assertFailure(
                ErrorCode.PAYLOAD_TOO_LARGE,
                small.core.uploadAttachment().upload(user, "image/png", new ByteArrayInputStream(new byte[11])));
        assertFailure(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                small.core.uploadAttachment().upload(user, "text/html", new ByteArrayInputStream(new byte[1])));
        assertFailure(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                small.core.uploadAttachment().upload(user, "garbage", new ByteArrayInputStream(new byte[1])));
    }

    @Test
    void repliesMustBeInTheSameConversation() {
        var original = fixture.sendTo(alice, bob, "question");
        var reply = fixture.core
                .sendMessage()
                .send(reply(bob, new Target.ToUser(alice), "answer", original.id()))
                .orElseThrow()
                .message();
        assertEquals(Optional.of(original.id()), reply.replyToId());
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core
                        .sendMessage()
                        .send(reply(bob, new Target.ToUser(alice), "answer", MessageId.of("unknown"))));
    }
}
