package io.messaging.core.service;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationSummary;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.AddParticipants;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.EncryptConversation;
import io.messaging.core.port.in.FindDirectConversation;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.ListConversations;
import io.messaging.core.port.in.RemoveParticipant;
import io.messaging.core.port.in.ViewConversation;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.ReadReceipts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creates groups, changes who is in them, and lists and shows conversations to their participants. */
public final class ConversationManagement
        implements CreateGroup,
                ViewConversation,
                FindDirectConversation,
                AddParticipants,
                RemoveParticipant,
                ListConversations,
                EncryptConversation {
    private final ConversationPorts ports;
    private final ReadReceipts receipts;
    private final Membership membership;

    public ConversationManagement(ConversationPorts ports, ReadReceipts receipts) {
        this.ports = ports;
        this.receipts = receipts;
        this.membership = new Membership(ports.conversations(), ports.messages());
    }

    @Override
    public Outcome<Conversation> create(CreateGroup.Command command) {
        String title = command.title().strip();
        var problem = Validation.text(title, "title", Limits.TITLE_MAX);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        var participants = new LinkedHashSet<UserId>();
        participants.add(command.creatorId());
        participants.addAll(command.participantIds());
        var checked = checkUsers(participants, participants.size());
        if (checked.isPresent()) {
            return Outcome.invalid(checked.get());
        }
        var group = new Conversation(
                ConversationId.of(ports.ids().newId()),
                ConversationType.GROUP,
                Optional.of(title),
                List.copyOf(participants),
                command.creatorId(),
                ports.clock().now(),
                Optional.empty(),
                command.encrypted());
        ports.conversations().insert(group);
        ports.events().publish(new DomainEvent.ConversationChanged(group, List.of()));
        return Outcome.ok(group);
    }

    @Override
    public Outcome<Conversation> encrypt(UserId userId, ConversationId conversationId) {
        return membership.conversation(userId, conversationId).flatMap(conversation -> {
            if (conversation.encrypted()) {
                return Outcome.ok(conversation);
            }
            var updated = ports.conversations().encrypt(conversationId);
            if (updated.isEmpty()) {
                return Outcome.notFound("conversation");
            }
            ports.events().publish(new DomainEvent.ConversationChanged(updated.get(), List.of()));
            return Outcome.ok(updated.get());
        });
    }

    @Override
    public Outcome<Conversation> view(UserId viewerId, ConversationId conversationId) {
        return membership.conversation(viewerId, conversationId);
    }

    @Override
    public Outcome<Conversation> find(UserId userId, UserId otherUserId) {
        return ports.conversations()
                .findDirect(userId, otherUserId)
                .<Outcome<Conversation>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("conversation"));
    }

    @Override
    public Outcome<Conversation> add(UserId actorId, ConversationId conversationId, List<UserId> userIds) {
        return membership.conversation(actorId, conversationId).flatMap(conversation -> {
            if (conversation.type() == ConversationType.DIRECT) {
                return Outcome.fail(ErrorCode.FORBIDDEN, "a direct conversation keeps its two participants");
            }
            var added = new LinkedHashSet<>(userIds);
            added.removeAll(conversation.participantIds());
            if (userIds.isEmpty()) {
                return Outcome.invalid("userIds must not be empty");
            }
            var checked = checkUsers(added, conversation.participantIds().size() + added.size());
            if (checked.isPresent()) {
                return Outcome.invalid(checked.get());
            }
            if (added.isEmpty()) {
                return Outcome.ok(conversation);
            }
            // Where the new members start reading is taken before they join, so a message sent as they join is
            // unread for them rather than skipped; one sent just before may count as unread too.
            long currentSeq = ports.messages().listBefore(conversationId, Long.MAX_VALUE, 1).stream()
                    .mapToLong(Message::seq)
                    .findFirst()
                    .orElse(0);
            var updated = ports.conversations().addParticipants(conversationId, added);
            if (updated.isEmpty()) {
                return Outcome.notFound("conversation");
            }
            added.forEach(userId -> receipts.startReadingAfter(conversationId, userId, currentSeq));
            ports.events().publish(new DomainEvent.ConversationChanged(updated.get(), List.of()));
            return Outcome.ok(updated.get());
        });
    }

    @Override
    public Outcome<Conversation> remove(UserId actorId, ConversationId conversationId, UserId targetId) {
        return membership.conversation(actorId, conversationId).flatMap(conversation -> {
            if (!conversation.hasParticipant(targetId)) {
                return Outcome.notFound("participant");
            }
            if (conversation.type() == ConversationType.DIRECT) {
                return Outcome.fail(ErrorCode.FORBIDDEN, "a direct conversation keeps its two participants");
            }
            if (!actorId.equals(targetId) && !actorId.equals(conversation.createdBy())) {
                return Outcome.fail(ErrorCode.FORBIDDEN, "only the group's creator may remove others");
            }
            var updated = ports.conversations().removeParticipant(conversationId, targetId);
            if (updated.isEmpty()) {
                return Outcome.notFound("conversation");
            }
            ports.events().publish(new DomainEvent.ConversationChanged(updated.get(), List.of(targetId)));
            return Outcome.ok(updated.get());
        });
    }

    @Override
    public Outcome<Page<ConversationSummary>> list(UserId userId, int limit, Optional<String> cursor) {
        Optional<Conversations.ActivityCursor> after = Optional.empty();
        if (cursor.isPresent()) {
            var decoded = Cursors.decode(cursor.get());
            if (decoded.isEmpty()) {
                return Outcome.invalid("cursor is not valid");
            }
            after = Optional.of(new Conversations.ActivityCursor(
                    decoded.get().at(), ConversationId.of(decoded.get().id())));
        }
        int clamped = Limits.clampPage(limit);
        List<Conversation> fetched = ports.conversations().listForUser(userId, clamped + 1, after);
        List<Conversation> page = fetched.size() > clamped ? fetched.subList(0, clamped) : fetched;
        List<ConversationId> pageIds = page.stream().map(Conversation::id).toList();
        Map<ConversationId, Message> latest = ports.messages().latestOf(pageIds);
        Map<ConversationId, Long> unread = receipts.unreadCounts(userId, pageIds);
        var summaries = new ArrayList<ConversationSummary>();
        for (Conversation conversation : page) {
            summaries.add(new ConversationSummary(
                    conversation,
                    Optional.ofNullable(latest.get(conversation.id())),
                    unread.getOrDefault(conversation.id(), 0L)));
        }
        Optional<String> next = Optional.empty();
        if (fetched.size() > clamped) {
            Conversation last = page.get(page.size() - 1);
            next = Optional.of(Cursors.encode(last.lastActivityAt(), last.id().value()));
        }
        return Outcome.ok(new Page<>(summaries, next));
    }

    private Optional<String> checkUsers(Set<UserId> userIds, int resultingSize) {
        if (resultingSize > Limits.GROUP_PARTICIPANTS_MAX) {
            return Optional.of("a group has at most " + Limits.GROUP_PARTICIPANTS_MAX + " participants");
        }
        if (ports.users().findByIds(userIds).size() != userIds.size()) {
            return Optional.of("unknown user in participantIds");
        }
        return Optional.empty();
    }
}
