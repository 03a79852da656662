package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static io.messaging.core.service.CoreFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SearchMessages;
import io.messaging.core.port.in.SendMessage.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every conversation operation by a non-member is {@code not_found}; others' messages are {@code forbidden}. */
class AuthorizationTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");
    private final UserId mallory = fixture.user("mallory");
    private final Message message = fixture.sendTo(alice, bob, "private");
    private final ConversationId conversation = message.conversationId();

    @Test
    void aNonMemberLearnsNothingOfAConversation() {
        int eventsBefore = fixture.events.size();
        var unknown = ConversationId.of("does-not-exist");
        for (ConversationId id : List.of(conversation, unknown)) {
            assertFailure(ErrorCode.NOT_FOUND, fixture.core.viewConversation().view(mallory, id));
            assertFailure(
                    ErrorCode.NOT_FOUND,
                    fixture.core
                            .listHistory()
                            .list(new ListHistory.Query(mallory, id, 50, Optional.empty(), Optional.empty())));
            assertFailure(
                    ErrorCode.NOT_FOUND,
                    fixture.core.sendMessage().send(text(mallory, new Target.ToConversation(id), "let me in")));
            assertFailure(ErrorCode.NOT_FOUND, fixture.core.markRead().markConversation(mallory, id, Optional.empty()));
            assertFailure(ErrorCode.NOT_FOUND, fixture.core.addParticipants().add(mallory, id, List.of(mallory)));
            assertFailure(ErrorCode.NOT_FOUND, fixture.core.removeParticipant().remove(mallory, id, alice));
            assertFailure(
                    ErrorCode.NOT_FOUND,
                    fixture.core
                            .searchMessages()
                            .search(new SearchMessages.Query(
                                    mallory, "private", Optional.of(id), 10, Optional.empty())));
            assertFailure(ErrorCode.NOT_FOUND, fixture.core.setTyping().set(mallory, id, true));
        }
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.markRead().markMessages(mallory, List.of(message.id())));
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.reactToMessage().react(mallory, message.id(), "👍", true));
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.editMessage().edit(mallory, message.id(), "mine now"));
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.deleteMessage().delete(mallory, message.id()));
        assertEquals(
                List.of(),
                fixture.core
                        .searchMessages()
                        .search(new SearchMessages.Query(mallory, "private", Optional.empty(), 10, Optional.empty()))
                        .orElseThrow()
                        .items());
        assertEquals(eventsBefore, fixture.events.size());
        assertEquals(
                Optional.of("private"),
                fixture.core
                        .listHistory()
                        .list(new ListHistory.Query(alice, conversation, 1, Optional.empty(), Optional.empty()))
                        .orElseThrow()
                        .items()
                        .get(0)
                        .content());
    }

    @Test
    void onlyTheSenderEditsOrDeletes() {
        assertFailure(ErrorCode.FORBIDDEN, fixture.core.editMessage().edit(bob, message.id(), "changed"));
        assertFailure(ErrorCode.FORBIDDEN, fixture.core.deleteMessage().delete(bob, message.id()));
        assertEquals(
                Optional.of("edited"),
                fixture.core
                        .editMessage()
                        .edit(alice, message.id(), "edited")
                        .orElseThrow()
                        .content());
    }

    @Test
    void aRemovedParticipantLosesAccess() {
        var carol = fixture.user("carol");
        var group = fixture.group(alice, bob, carol);
        var inGroup = fixture.sendIn(alice, group.id(), "hello group");
        assertFailure(ErrorCode.FORBIDDEN, fixture.core.removeParticipant().remove(bob, group.id(), carol));
        fixture.core.removeParticipant().remove(alice, group.id(), carol).orElseThrow();

        assertFailure(ErrorCode.NOT_FOUND, fixture.core.viewConversation().view(carol, group.id()));
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.markRead().markMessages(carol, List.of(inGroup.id())));
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core.sendMessage().send(text(carol, new Target.ToConversation(group.id()), "still here?")));
    }
}
