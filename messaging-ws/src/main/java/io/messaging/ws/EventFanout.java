package io.messaging.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import io.messaging.wire.WireJson;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Routes domain events to the sockets the wire contract names, encoding each event once for all its recipients.
 * Runs on the publishing thread and never blocks: it only queues frames.
 */
final class EventFanout implements Consumer<DomainEvent> {
    private final Rooms rooms;

    EventFanout(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void accept(DomainEvent event) {
        if (event instanceof DomainEvent.MessageCreated created) {
            messageCreated(created);
        } else if (event instanceof DomainEvent.MessageUpdated updated) {
            String conversation = updated.message().conversationId().value();
            rooms.send(Rooms.conversation(conversation), frame("message_updated",
                    WireJson.message(updated.message())), socket -> true);
        } else if (event instanceof DomainEvent.MessageDeleted deleted) {
            ObjectNode payload = WireJson.MAPPER.createObjectNode()
                    .put("conversationId", deleted.conversationId().value())
                    .put("messageId", deleted.messageId().value());
            rooms.send(Rooms.conversation(deleted.conversationId().value()), frame("message_deleted", payload),
                    socket -> true);
        } else if (event instanceof DomainEvent.MessagesRead read) {
            messagesRead(read);
        } else if (event instanceof DomainEvent.TypingChanged typing) {
            ObjectNode payload = WireJson.MAPPER.createObjectNode()
                    .put("conversationId", typing.conversationId().value())
                    .put("userId", typing.userId().value())
                    .put("isTyping", typing.typing());
            Frame frame = Frame.droppable("4" + SocketPacket.event("user_typing", payload));
            rooms.send(Rooms.conversation(typing.conversationId().value()), frame,
                    socket -> !socket.user().id().equals(typing.userId()));
        } else if (event instanceof DomainEvent.PresenceChanged presence) {
            presenceChanged(presence);
        } else if (event instanceof DomainEvent.ConversationChanged changed) {
            String room = Rooms.conversation(changed.conversation().id().value());
            for (UserId removed : changed.removedIds()) {
                rooms.in(Rooms.user(removed.value())).forEach(socket -> socket.leave(room));
            }
            conversationChanged(changed);
        }
    }

    private void conversationChanged(DomainEvent.ConversationChanged changed) {
        toUsers(changed.conversation().participantIds(),
                frame("conversation_updated", WireJson.conversation(changed.conversation())));
        ObjectNode removed = WireJson.MAPPER.createObjectNode()
                .put("conversationId", changed.conversation().id().value());
        toUsers(changed.removedIds(), frame("conversation_removed", removed));
    }

    private void messageCreated(DomainEvent.MessageCreated created) {
        var message = created.message();
        String origin = created.originConnectionId().orElse("");
        String json = MessageJson.of(message);
        rooms.send(Rooms.conversation(message.conversationId().value()),
                Frame.of("4" + SocketPacket.event("new_message", json)), socket -> !socket.id().equals(origin));
        ObjectNode notification = WireJson.MAPPER.createObjectNode()
                .put("conversationId", message.conversationId().value());
        notification.putRawValue("message", MessageJson.raw(message));
        Frame frame = frame("message_notification", notification);
        for (UserId participant : created.participantIds()) {
            if (!participant.equals(message.senderId())) {
                rooms.send(Rooms.user(participant.value()), frame, socket -> true);
            }
        }
    }

    private void messagesRead(DomainEvent.MessagesRead read) {
        ObjectNode payload = WireJson.MAPPER.createObjectNode()
                .put("conversationId", read.conversationId().value())
                .put("userId", read.readerId().value());
        ArrayNode ids = payload.putArray("messageIds");
        read.messageIds().forEach(id -> ids.add(id.value()));
        payload.put("upToMessageId", read.upToMessageId().map(MessageId::value).orElse(null));
        payload.put("readAt", WireJson.timestamp(read.readAt()));
        toUsers(read.participantIds(), frame("messages_read", payload));
    }

    private void presenceChanged(DomainEvent.PresenceChanged presence) {
        ObjectNode payload = WireJson.MAPPER.createObjectNode().put("userId", presence.userId().value());
        presence.lastSeenAt().ifPresent(at -> payload.put("lastSeenAt", WireJson.timestamp(at)));
        String name = presence.online() ? "user_online" : "user_offline";
        toUsers(presence.contactIds(), Frame.droppable("4" + SocketPacket.event(name, payload)));
    }

    private void toUsers(Collection<UserId> users, Frame frame) {
        for (UserId user : users) {
            rooms.send(Rooms.user(user.value()), frame, socket -> true);
        }
    }

    private static Frame frame(String event, com.fasterxml.jackson.databind.JsonNode payload) {
        return Frame.of("4" + SocketPacket.event(event, payload));
    }
}
