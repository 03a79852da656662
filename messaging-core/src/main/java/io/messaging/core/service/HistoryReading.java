package io.messaging.core.service;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SearchMessages;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.Messages;
import java.util.List;
import java.util.Optional;

/** Reads a conversation's history page by page, and searches the user's conversations. */
public final class HistoryReading implements ListHistory, SearchMessages {
    private final Conversations conversations;
    private final Messages messages;
    private final Membership membership;

    public HistoryReading(Conversations conversations, Messages messages) {
        this.conversations = conversations;
        this.messages = messages;
        this.membership = new Membership(conversations, messages);
    }

    @Override
    public Outcome<Page<Message>> list(ListHistory.Query query) {
        if (query.before().isPresent() && query.afterSeq().isPresent()) {
            return Outcome.invalid("use either before or after, not both");
        }
        if (query.afterSeq().filter(seq -> seq < 0).isPresent()) {
            return Outcome.invalid("after must be a seq of 0 or more");
        }
        Optional<Long> beforeSeq = Optional.empty();
        if (query.before().isPresent()) {
            beforeSeq = Cursors.decodeSeq(query.before().get());
            if (beforeSeq.isEmpty()) {
                return Outcome.invalid("before is not a valid cursor");
            }
        }
        int limit = Limits.clampPage(query.limit());
        long before = beforeSeq.orElse(Long.MAX_VALUE);
        return membership.conversation(query.viewerId(), query.conversationId()).map(conversation -> {
            if (query.afterSeq().isPresent()) {
                List<Message> page =
                        messages.listAfter(conversation.id(), query.afterSeq().get(), limit + 1);
                return pageOf(page, limit);
            }
            return pageOf(messages.listBefore(conversation.id(), before, limit + 1), limit);
        });
    }

    /** Trims the one extra item fetched to learn whether another page follows. */
    private static Page<Message> pageOf(List<Message> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, Optional.empty());
        }
        List<Message> items = fetched.subList(0, limit);
        long edgeSeq = items.get(items.size() - 1).seq();
        return new Page<>(items, Optional.of(Long.toString(edgeSeq)));
    }

    @Override
    public Outcome<Page<Message>> search(SearchMessages.Query query) {
        String text = query.text().strip();
        if (text.isEmpty() || text.length() > Limits.SEARCH_QUERY_MAX) {
            return Outcome.invalid("q must be 1 to " + Limits.SEARCH_QUERY_MAX + " characters");
        }
        Optional<Messages.SearchCursor> after = Optional.empty();
        if (query.cursor().isPresent()) {
            var decoded = Cursors.decode(query.cursor().get());
            if (decoded.isEmpty()) {
                return Outcome.invalid("cursor is not valid");
            }
            after = Optional.of(new Messages.SearchCursor(
                    decoded.get().at(), MessageId.of(decoded.get().id())));
        }
        Outcome<List<ConversationId>> scope = query.conversationId().isPresent()
                ? membership
                        .conversation(query.userId(), query.conversationId().get())
                        .map(c -> List.of(c.id()))
                : Outcome.ok(conversations.idsForUser(query.userId()));
        int limit = Limits.clampPage(query.limit());
        Optional<Messages.SearchCursor> start = after;
        return scope.map(ids -> {
            if (ids.isEmpty()) {
                return new Page<Message>(List.of(), Optional.empty());
            }
            List<Message> found = messages.search(ids, text, limit + 1, start);
            if (found.size() <= limit) {
                return new Page<>(found, Optional.empty());
            }
            List<Message> items = found.subList(0, limit);
            Message last = items.get(items.size() - 1);
            return new Page<>(
                    items,
                    Optional.of(Cursors.encode(last.createdAt(), last.id().value())));
        });
    }
}
