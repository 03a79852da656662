package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.out.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link Messages}, run against every message store adapter. */
public abstract class AbstractMessagesContractTest extends StoreContract {

    protected AbstractMessagesContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    /** How many messages each of 8 threads appends in the concurrency test; stores may lower it to stay quick. */
    protected int concurrentAppendsPerThread() {
        return 500;
    }

    @Test
    void aMessageSentFromAScheduledMessageNamesIt() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob);
        var plain = text(conversation.id(), alice, "now", T0);
        var scheduledId = ScheduledMessageId.of(uniqueId("s"));
        var fromSchedule = new NewMessage(
                MessageId.of(uniqueId("m")),
                conversation.id(),
                alice,
                Optional.of(bob),
                plain.type(),
                "later",
                List.of(),
                Optional.of("scheduled:" + scheduledId.value()),
                Optional.empty(),
                T0.plusSeconds(1),
                Optional.empty(),
                Optional.of(scheduledId),
                Map.of());

        Message stored = stores.messages().append(fromSchedule).message();
        stores.messages().append(plain);

        assertEquals(Optional.of(scheduledId), stored.scheduledMessageId());
        assertEquals(Optional.of(stored), stores.messages().findById(fromSchedule.id()));
        assertEquals(
                List.of(Optional.of(scheduledId), Optional.empty()),
                stores.messages().listAfter(conversation.id(), 0, 10).stream()
                        .map(Message::scheduledMessageId)
                        .toList());
        var retried = stores.messages().append(fromSchedule);
        assertInstanceOf(Messages.AppendOutcome.AlreadyStored.class, retried);
        assertEquals(Optional.of(scheduledId), retried.message().scheduledMessageId());
    }

    @Test
    void appendsWithGapFreeSeqPerConversation() {
        var alice = user("alice");
        var bob = user("bob");
        var first = direct(alice, bob).id();
        var second = group("g", T0, alice).id();

        var one = stores.messages().append(text(first, alice, "one", T0));
        var two = stores.messages().append(text(first, bob, "two", T0.plusMillis(1)));
        var other = stores.messages().append(text(second, alice, "other", T0.plusMillis(2)));

        assertInstanceOf(Messages.AppendOutcome.Appended.class, one);
        assertEquals(1, one.message().seq());
        assertEquals(2, two.message().seq());
        assertEquals(1, other.message().seq());
        assertEquals(
                Optional.of(two.message()),
                stores.messages().findById(two.message().id()));
        assertEquals(Optional.of("two"), two.message().content());
        assertEquals(List.of(), two.message().readBy());
        assertEquals(Map.of(), two.message().reactions());
        assertEquals(Optional.empty(), stores.messages().findById(MessageId.of("unknown")));
    }

    @Test
    void asynchronousAppendsCompleteDurableInTheOrderTheyWereMade() throws Exception {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var stages = new ArrayList<CompletableFuture<Messages.AppendOutcome>>();
        for (int i = 0; i < 20; i++) {
            var message = new NewMessage(
                    MessageId.of(uniqueId("m")),
                    conversation,
                    alice,
                    Optional.of(bob),
                    MessageType.TEXT,
                    "async " + i,
                    List.of(),
                    Optional.of("async-" + i),
                    Optional.empty(),
                    T0.plusMillis(i));
            stages.add(stores.messages().appendAsync(message).toCompletableFuture());
        }
        var seqs = new ArrayList<Long>();
        for (var stage : stages) {
            var outcome = stage.get(30, TimeUnit.SECONDS);
            assertInstanceOf(Messages.AppendOutcome.Appended.class, outcome);
            seqs.add(outcome.message().seq());
            assertEquals(
                    Optional.of(outcome.message()),
                    stores.messages().findById(outcome.message().id()),
                    "readable once its stage completes");
        }
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), seqs);

        var retry = new NewMessage(
                MessageId.of(uniqueId("m")),
                conversation,
                alice,
                Optional.of(bob),
                MessageType.TEXT,
                "again",
                List.of(),
                Optional.of("async-3"),
                Optional.empty(),
                T0.plusSeconds(5));
        var again = stores.messages().appendAsync(retry).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertInstanceOf(Messages.AppendOutcome.AlreadyStored.class, again);
        assertEquals(seqs.get(3), again.message().seq());
        assertEquals(20, stores.messages().listAfter(conversation, 0, 100).size(), "the retry stored nothing");
    }

    @Test
    void keepsEveryFieldOfAMessage() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var original = send(conversation, alice, "original", T0);
        var full = new NewMessage(
                MessageId.of(uniqueId("m")),
                conversation,
                alice,
                Optional.of(bob),
                MessageType.IMAGE,
                "caption ✓ ünïcode",
                List.of(new Attachment(AttachmentId.of("att1"), "image/png", 1234, Optional.of("cat.png"))),
                Optional.of("client-1"),
                Optional.of(original.id()),
                T0.plusMillis(7));

        Message stored = stores.messages().append(full).message();

        assertEquals(full.toMessage(2), stored);
        assertEquals(stored, stores.messages().findById(full.id()).orElseThrow());
    }

    @Test
    void keepsTheVoiceNoteOfAVoiceMessageUntilItIsDeleted() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var voice = new VoiceNote(7250, List.of(0.0, 0.125, 0.5, 1.0, 0.333));
        var recording = new NewMessage(
                MessageId.of(uniqueId("m")),
                conversation,
                alice,
                Optional.of(bob),
                MessageType.VOICE,
                "",
                List.of(new Attachment(AttachmentId.of("rec1"), "audio/webm", 4321, Optional.empty())),
                Optional.empty(),
                Optional.empty(),
                T0,
                Optional.of(voice));

        Message stored = stores.messages().append(recording).message();

        assertEquals(recording.toMessage(1), stored);
        assertEquals(Optional.of(voice), stored.voice());
        assertEquals(stored, stores.messages().findById(recording.id()).orElseThrow());
        assertEquals(List.of(stored), stores.messages().listBefore(conversation, Long.MAX_VALUE, 10));
        var deleted =
                stores.messages().softDelete(recording.id(), T0.plusSeconds(1)).orElseThrow();
        assertEquals(Optional.empty(), deleted.voice());
        assertEquals(
                Optional.empty(),
                stores.messages().findById(recording.id()).orElseThrow().voice());
    }

    @Test
    void aRetryWithTheSameClientIdReturnsTheStoredMessage() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var first = stores.messages().append(withClientId(text(conversation, alice, "hi", T0), "c-1"));
        var retry = stores.messages().append(withClientId(text(conversation, alice, "hi", T0.plusSeconds(1)), "c-1"));
        var otherSender = stores.messages().append(withClientId(text(conversation, bob, "hi", T0), "c-1"));

        assertInstanceOf(Messages.AppendOutcome.AlreadyStored.class, retry);
        assertEquals(first.message(), retry.message());
        assertInstanceOf(Messages.AppendOutcome.Appended.class, otherSender);
        assertEquals(2, otherSender.message().seq());
        assertEquals(2, stores.messages().listAfter(conversation, 0, 10).size());
    }

    @Test
    void concurrentAppendsGetSeqOneToNExactly() throws Exception {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        int perThread = concurrentAppendsPerThread();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> senders = IntStream.range(0, 8)
                    .<Callable<List<Long>>>mapToObj(t -> () -> {
                        var seqs = new ArrayList<Long>();
                        for (int i = 0; i < perThread; i++) {
                            seqs.add(send(conversation, t % 2 == 0 ? alice : bob, "m" + t + "-" + i, T0.plusMillis(i))
                                    .seq());
                        }
                        return seqs;
                    })
                    .toList();
            var acknowledged = new HashSet<Long>();
            for (var future : pool.invokeAll(senders)) {
                acknowledged.addAll(future.get());
            }
            int total = 8 * perThread;
            assertEquals(LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()), acknowledged);
            var stored = new ArrayList<Long>();
            long after = 0;
            List<Message> page;
            while (!(page = stores.messages().listAfter(conversation, after, 100)).isEmpty()) {
                page.forEach(message -> stored.add(message.seq()));
                after = page.get(page.size() - 1).seq();
            }
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), stored);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRetriesOfOneClientIdStoreOneMessage() throws Exception {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Messages.AppendOutcome>> retries = IntStream.range(0, 16)
                    .<Callable<Messages.AppendOutcome>>mapToObj(i ->
                            () -> stores.messages().append(withClientId(text(conversation, alice, "once", T0), "same")))
                    .toList();
            Set<MessageId> ids = new HashSet<>();
            int appended = 0;
            for (var future : pool.invokeAll(retries)) {
                ids.add(future.get().message().id());
                if (future.get() instanceof Messages.AppendOutcome.Appended) {
                    appended++;
                }
            }
            assertEquals(1, ids.size());
            assertEquals(1, appended);
            assertEquals(1, stores.messages().listAfter(conversation, 0, 10).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pagesBackwardsAndForwardsBySeq() {
        var alice = user("alice");
        var conversation = group("g", T0, alice).id();
        for (int i = 1; i <= 10; i++) {
            send(conversation, alice, "m" + i, T0.plusMillis(i));
        }

        assertEquals(List.of(10L, 9L, 8L), seqs(stores.messages().listBefore(conversation, Long.MAX_VALUE, 3)));
        assertEquals(List.of(7L, 6L, 5L), seqs(stores.messages().listBefore(conversation, 8, 3)));
        assertEquals(List.of(2L, 1L), seqs(stores.messages().listBefore(conversation, 3, 5)));
        assertEquals(List.of(4L, 5L, 6L), seqs(stores.messages().listAfter(conversation, 3, 3)));
        assertEquals(List.of(), seqs(stores.messages().listAfter(conversation, 10, 3)));
        assertEquals(List.of(), seqs(stores.messages().listBefore(ConversationId.of("none"), Long.MAX_VALUE, 3)));
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Test
    void knowsTheLatestMessageOfEachConversation() {
        var alice = user("alice");
        var first = group("a", T0, alice).id();
        var second = group("b", T0, alice).id();
        var empty = group("c", T0, alice).id();
        send(first, alice, "old", T0);
        var latest = send(first, alice, "new", T0.plusMillis(1));
        var only = send(second, alice, "only", T0);

        assertEquals(Map.of(first, latest, second, only), stores.messages().latestOf(List.of(first, second, empty)));
    }

    @Test
    void editsSoftDeletesAndReacts() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var message = send(conversation, alice, "helo", T0);

        var edited =
                stores.messages().edit(message.id(), "hello", T0.plusSeconds(1)).orElseThrow();
        assertEquals(Optional.of("hello"), edited.content());
        assertEquals(Optional.of(T0.plusSeconds(1)), edited.editedAt());

        var reacted =
                stores.messages().setReaction(message.id(), "👍", bob, true).orElseThrow();
        reacted = stores.messages().setReaction(message.id(), "👍", alice, true).orElseThrow();
        assertEquals(Map.of("👍", List.of(bob, alice)), reacted.reactions());
        reacted = stores.messages().setReaction(message.id(), "👍", bob, false).orElseThrow();
        assertEquals(Map.of("👍", List.of(alice)), reacted.reactions());
        reacted =
                stores.messages().setReaction(message.id(), "👍", alice, false).orElseThrow();
        assertEquals(Map.of(), reacted.reactions());

        var deleted =
                stores.messages().softDelete(message.id(), T0.plusSeconds(2)).orElseThrow();
        assertTrue(deleted.deleted());
        assertEquals(Optional.empty(), deleted.content());
        assertEquals(Optional.of(T0.plusSeconds(2)), deleted.deletedAt());
        var again =
                stores.messages().softDelete(message.id(), T0.plusSeconds(3)).orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(2)), again.deletedAt());
        assertEquals(deleted, stores.messages().findById(message.id()).orElseThrow());
        assertEquals(Optional.empty(), stores.messages().edit(MessageId.of("unknown"), "x", T0));
        assertEquals(Optional.empty(), stores.messages().softDelete(MessageId.of("unknown"), T0));
        assertEquals(Optional.empty(), stores.messages().setReaction(MessageId.of("unknown"), "x", alice, true));
    }

    @Test
    void searchFindsWordsInScopeNewestFirstAndFollowsEditsAndDeletes() {
        var alice = user("alice");
        var bob = user("bob");
        var mine = direct(alice, bob).id();
        var other = group("other", T0, bob).id();
        var older = send(mine, alice, "Lunch at noon?", T0);
        var newer = send(mine, bob, "lunch sounds GOOD", T0.plusSeconds(1));
        send(mine, bob, "dinner later", T0.plusSeconds(2));
        send(other, bob, "lunch elsewhere", T0.plusSeconds(3));

        assertEquals(
                List.of(newer.id(), older.id()),
                ids(stores.messages().search(List.of(mine), "LUNCH", 10, Optional.empty())));
        assertEquals(
                List.of(newer.id()), ids(stores.messages().search(List.of(mine), "lunch good", 10, Optional.empty())));
        assertEquals(
                List.of(older.id()),
                ids(stores.messages()
                        .search(
                                List.of(mine),
                                "lunch",
                                10,
                                Optional.of(new Messages.SearchCursor(newer.createdAt(), newer.id())))));
        assertEquals(List.of(newer.id()), ids(stores.messages().search(List.of(mine), "lunch", 1, Optional.empty())));

        stores.messages().edit(older.id(), "brunch at ten", T0.plusSeconds(5));
        stores.messages().softDelete(newer.id(), T0.plusSeconds(6));
        assertEquals(List.of(), ids(stores.messages().search(List.of(mine), "lunch", 10, Optional.empty())));
        assertEquals(List.of(older.id()), ids(stores.messages().search(List.of(mine), "brunch", 10, Optional.empty())));
    }

    @Test
    void searchSeesMessagesEditedAndDeletedBeforeTheFirstSearch() {
        var alice = user("alice");
        var bob = user("bob");
        var mine = direct(alice, bob).id();
        var edited = send(mine, alice, "picnic on friday", T0);
        var deleted = send(mine, bob, "picnic on saturday", T0.plusSeconds(1));
        var kept = send(mine, bob, "picnic on sunday", T0.plusSeconds(2));
        stores.messages().edit(edited.id(), "barbecue on friday", T0.plusSeconds(3));
        stores.messages().softDelete(deleted.id(), T0.plusSeconds(4));

        assertEquals(List.of(kept.id()), ids(stores.messages().search(List.of(mine), "picnic", 10, Optional.empty())));
        assertEquals(
                List.of(edited.id()), ids(stores.messages().search(List.of(mine), "barbecue", 10, Optional.empty())));
        var later = send(mine, alice, "picnic again", T0.plusSeconds(5));
        assertEquals(
                List.of(later.id(), kept.id()),
                ids(stores.messages().search(List.of(mine), "picnic", 10, Optional.empty())));
    }

    @Test
    void searchTreatsOperatorsAndQuotesAsPlainText() {
        var alice = user("alice");
        var conversation = group("g", T0, alice).id();
        var hit = send(conversation, alice, "he said \"NEAR\" OR AND not*", T0);

        for (String query : List.of("\"near\"", "OR", "not*", "AND (", "-near", "near:", "'")) {
            var found = stores.messages().search(List.of(conversation), query, 10, Optional.empty());
            assertTrue(found.isEmpty() || ids(found).equals(List.of(hit.id())), query);
        }
        assertEquals(
                List.of(hit.id()),
                ids(stores.messages().search(List.of(conversation), "\"near\"", 10, Optional.empty())));
    }

    private static List<MessageId> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    @Test
    void knowsWhichConversationsReferToAnAttachment() {
        var alice = user("alice");
        var first = group("a", T0, alice).id();
        var second = group("b", T0, alice).id();
        var attachment = AttachmentId.of("file-1");
        stores.messages().append(withAttachment(text(first, alice, "see", T0), attachment));
        stores.messages().append(withAttachment(text(second, alice, "see too", T0), attachment));
        send(second, alice, "no file", T0);

        assertEquals(Set.of(first, second), stores.messages().conversationsReferencing(attachment));
        assertFalse(stores.messages()
                .conversationsReferencing(AttachmentId.of("other"))
                .contains(first));
    }

    @Test
    void anEncryptedMessageKeepsItsEnvelopesHasNoContentAndIsNeverFound() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = group("Secret", T0, alice, bob).withEncryption();
        var envelopes = Map.of(
                "dev-a", new Envelope(Envelope.Kind.MESSAGE, "Y2lwaGVyLWE"),
                "dev-b", new Envelope(Envelope.Kind.PREKEY, "Y2lwaGVyLWI"));
        var sent = stores.messages()
                .append(new NewMessage(
                        MessageId.of(uniqueId("m")),
                        conversation.id(),
                        alice,
                        Optional.empty(),
                        MessageType.ENCRYPTED,
                        "",
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        T0,
                        Optional.empty(),
                        Optional.empty(),
                        envelopes))
                .message();

        assertEquals(Optional.empty(), sent.content());
        assertEquals(envelopes, sent.envelopes());
        assertEquals(Optional.of(sent), stores.messages().findById(sent.id()));
        assertEquals(List.of(sent), stores.messages().listAfter(conversation.id(), 0, 10));
        assertEquals(
                List.of(), stores.messages().search(List.of(conversation.id()), "Y2lwaGVyLWE", 10, Optional.empty()));
        var deleted = stores.messages().softDelete(sent.id(), T0.plusSeconds(1)).orElseThrow();
        assertEquals(Map.of(), deleted.envelopes());
        assertEquals(
                Map.of(), stores.messages().findById(sent.id()).orElseThrow().envelopes());
    }

    @Test
    void storedValuesDoNotChangeWhenOthersChange() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob).id();
        var message = send(conversation, alice, "stable", T0);
        stores.messages().setReaction(message.id(), "🎉", bob, true);

        assertEquals(Map.of(), message.reactions());
        assertEquals(
                UserId.class,
                stores.messages()
                        .findById(message.id())
                        .orElseThrow()
                        .reactions()
                        .get("🎉")
                        .get(0)
                        .getClass());
    }
}
