package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UnreadCounts;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SearchMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");
    private final UserId carol = fixture.user("carol");

    private UnreadCounts unread(UserId user) {
        return fixture.core.countUnread().count(user).orElseThrow();
    }

    @Test
    void unreadCountsNeverDriftThroughSendingReadingDeletingAndLeaving() {
        var first = fixture.sendTo(alice, bob, "1");
        var direct = first.conversationId();
        var second = fixture.sendTo(alice, bob, "2");
        var group = fixture.group(carol, alice, bob);
        fixture.sendIn(carol, group.id(), "g1");
        fixture.sendIn(bob, group.id(), "g2");

        assertEquals(new UnreadCounts(3, Map.of(direct, 2L, group.id(), 1L)), unread(bob));
        assertEquals(new UnreadCounts(2, Map.of(group.id(), 2L)), unread(alice));

        fixture.core.markRead().markMessages(bob, List.of(first.id())).orElseThrow();
        assertEquals(new UnreadCounts(2, Map.of(direct, 1L, group.id(), 1L)), unread(bob));
        fixture.core.deleteMessage().delete(alice, second.id()).orElseThrow();
        assertEquals(new UnreadCounts(1, Map.of(group.id(), 1L)), unread(bob));
        fixture.core.removeParticipant().remove(bob, group.id(), bob).orElseThrow();
        assertEquals(new UnreadCounts(0, Map.of()), unread(bob));
        fixture.core
                .markRead()
                .markConversation(alice, group.id(), Optional.empty())
                .orElseThrow();
        assertEquals(new UnreadCounts(0, Map.of()), unread(alice));
    }

    @Test
    void newGroupMembersSeeHistoryButNoneOfItAsUnread() {
        var group = fixture.group(alice, bob);
        fixture.sendIn(alice, group.id(), "before carol");
        fixture.core.addParticipants().add(bob, group.id(), List.of(carol)).orElseThrow();
        fixture.sendIn(alice, group.id(), "welcome carol");

        assertEquals(new UnreadCounts(1, Map.of(group.id(), 1L)), unread(carol));
        assertEquals(
                2,
                history(carol, group.id(), Optional.empty(), Optional.empty()).size());
    }

    @Test
    void marksUpToAMessageAndPublishesWhatWasNewlyRead() {
        var m1 = fixture.sendTo(alice, bob, "1");
        var m2 = fixture.sendTo(alice, bob, "2");
        var m3 = fixture.sendTo(alice, bob, "3");

        var result = fixture.core
                .markRead()
                .markConversation(bob, m1.conversationId(), Optional.of(m2.id()))
                .orElseThrow();
        var again = fixture.core
                .markRead()
                .markConversation(bob, m1.conversationId(), Optional.of(m2.id()))
                .orElseThrow();

        assertEquals(List.of(m1.id(), m2.id()), result.newlyRead());
        assertEquals(0, again.updated());
        var read = fixture.events(DomainEvent.MessagesRead.class);
        assertEquals(1, read.size());
        assertEquals(Optional.of(m2.id()), read.get(0).upToMessageId());
        assertEquals(bob, read.get(0).readerId());
        assertEquals(new UnreadCounts(1, Map.of(m3.conversationId(), 1L)), unread(bob));
        assertEquals(
                bob,
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(alice, m1.conversationId(), 3, Optional.empty(), Optional.empty()))
                        .orElseThrow()
                        .items()
                        .get(1)
                        .readBy()
                        .get(0)
                        .userId());
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core
                        .markRead()
                        .markConversation(bob, m1.conversationId(), Optional.of(MessageId.of("elsewhere"))));
    }

    private List<Message> history(UserId viewer, ConversationId id, Optional<String> before, Optional<Long> after) {
        return fixture.core
                .listHistory()
                .list(new ListHistory.Query(viewer, id, 100, before, after))
                .orElseThrow()
                .items();
    }

    @Test
    void pagesNewestFirstWithCursorsAndCatchesUpAfterASeq() {
        var group = fixture.group(alice, bob);
        for (int i = 1; i <= 7; i++) {
            fixture.sendIn(alice, group.id(), "m" + i);
        }
        var page = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, group.id(), 3, Optional.empty(), Optional.empty()))
                .orElseThrow();
        assertEquals(
                List.of(7L, 6L, 5L), page.items().stream().map(Message::seq).toList());
        var next = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, group.id(), 3, page.nextCursor(), Optional.empty()))
                .orElseThrow();
        assertEquals(
                List.of(4L, 3L, 2L), next.items().stream().map(Message::seq).toList());
        var last = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, group.id(), 3, next.nextCursor(), Optional.empty()))
                .orElseThrow();
        assertEquals(List.of(1L), last.items().stream().map(Message::seq).toList());
        assertTrue(last.nextCursor().isEmpty());

        var catchUp = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, group.id(), 2, Optional.empty(), Optional.of(4L)))
                .orElseThrow();
        assertEquals(List.of(5L, 6L), catchUp.items().stream().map(Message::seq).toList());
        assertEquals(Optional.of("6"), catchUp.nextCursor());
        assertEquals(
                7, history(bob, group.id(), Optional.empty(), Optional.of(0L)).size());
        assertEquals(
                1,
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(bob, group.id(), 0, Optional.empty(), Optional.empty()))
                        .orElseThrow()
                        .items()
                        .size());
        assertEquals(
                7,
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(bob, group.id(), 1000, Optional.empty(), Optional.empty()))
                        .orElseThrow()
                        .items()
                        .size());
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(bob, group.id(), 3, Optional.of("garbage"), Optional.empty())));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(bob, group.id(), 3, Optional.of("5"), Optional.of(1L))));
    }

    @Test
    void listsConversationsByRecentActivityWithLastMessageAndUnread() {
        var direct = fixture.sendTo(bob, alice, "direct").conversationId();
        fixture.clock.advance(Duration.ofSeconds(1));
        var group = fixture.group(carol, alice);
        fixture.clock.advance(Duration.ofSeconds(1));
        var latest = fixture.sendIn(carol, group.id(), "group news");

        var page = fixture.core
                .listConversations()
                .list(alice, 1, Optional.empty())
                .orElseThrow();
        assertEquals(group.id(), page.items().get(0).conversation().id());
        assertEquals(Optional.of(latest), page.items().get(0).lastMessage());
        assertEquals(1, page.items().get(0).unreadCount());
        var rest = fixture.core
                .listConversations()
                .list(alice, 10, page.nextCursor())
                .orElseThrow();
        assertEquals(
                List.of(direct),
                rest.items().stream().map(s -> s.conversation().id()).toList());
        assertTrue(rest.nextCursor().isEmpty());
        assertFailure(
                ErrorCode.VALIDATION_FAILED, fixture.core.listConversations().list(alice, 10, Optional.of("!!")));
    }

    @Test
    void searchesOnlyTheCallersConversations() {
        var mine = fixture.sendTo(alice, bob, "the secret plan");
        fixture.sendTo(carol, bob, "the secret elsewhere");

        var found = fixture.core
                .searchMessages()
                .search(new SearchMessages.Query(alice, "SECRET", Optional.empty(), 10, Optional.empty()))
                .orElseThrow();
        assertEquals(List.of(mine.id()), found.items().stream().map(Message::id).toList());
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .searchMessages()
                        .search(new SearchMessages.Query(alice, " ", Optional.empty(), 10, Optional.empty())));
    }

    @Test
    void reactionsToggleAndEditsAndDeletesArePublished() {
        var message = fixture.sendTo(alice, bob, "react to me");
        var on = fixture.core
                .reactToMessage()
                .react(bob, message.id(), "🎉", true)
                .orElseThrow();
        fixture.core.reactToMessage().react(bob, message.id(), "🎉", true).orElseThrow();
        assertEquals(Map.of("🎉", List.of(bob)), on.reactions());
        var off = fixture.core
                .reactToMessage()
                .react(bob, message.id(), "🎉", false)
                .orElseThrow();
        assertEquals(Map.of(), off.reactions());
        assertFailure(ErrorCode.VALIDATION_FAILED, fixture.core.reactToMessage().react(bob, message.id(), " ", true));

        var edited =
                fixture.core.editMessage().edit(alice, message.id(), "edited").orElseThrow();
        assertEquals(Optional.of(fixture.clock.now()), edited.editedAt());
        var deleted = fixture.core.deleteMessage().delete(alice, message.id()).orElseThrow();
        assertTrue(deleted.deleted());
        assertEquals(Optional.empty(), deleted.content());
        assertFailure(ErrorCode.CONFLICT, fixture.core.editMessage().edit(alice, message.id(), "again"));
        assertTrue(fixture.core.deleteMessage().delete(alice, message.id()).isOk());

        assertEquals(3, fixture.events(DomainEvent.MessageUpdated.class).size());
        assertEquals(1, fixture.events(DomainEvent.MessageDeleted.class).size());
    }
}
