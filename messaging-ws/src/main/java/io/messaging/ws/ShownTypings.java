package io.messaging.ws;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.UserId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typings this node has shown its sockets and not yet ended, per typist. A typing ends on the node whose
 * connection started it; when that node dies, its typists go offline without their typings ending, so the node
 * ends what it still shows of them itself.
 */
final class ShownTypings {
    private final Map<UserId, Set<ConversationId>> byTypist = new ConcurrentHashMap<>();

    void changed(DomainEvent.TypingChanged typing) {
        if (typing.typing()) {
            byTypist.compute(typing.userId(), (typist, conversations) -> {
                Set<ConversationId> shown = conversations == null ? ConcurrentHashMap.newKeySet() : conversations;
                shown.add(typing.conversationId());
                return shown;
            });
        } else {
            byTypist.computeIfPresent(typing.userId(), (typist, conversations) -> {
                conversations.remove(typing.conversationId());
                return conversations.isEmpty() ? null : conversations;
            });
        }
    }

    /** The conversations the user is still shown typing in, which are from now on not. */
    Set<ConversationId> endAll(UserId typist) {
        Set<ConversationId> shown = byTypist.remove(typist);
        return shown == null ? Set.of() : shown;
    }
}
