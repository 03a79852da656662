package io.messaging.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import io.messaging.wire.WireJson;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Routes domain events to the sockets the wire contract names, encoding each event once for all its recipients.
 * Runs on the publishing thread and never blocks: it only queues frames.
 */
final class EventFanout implements Consumer<DomainEvent> {
    private final Rooms rooms;
    private final Recovery recovery;
    private final ShownTypings shownTypings = new ShownTypings();

    EventFanout(Rooms rooms, Recovery recovery) {
        this.rooms = rooms;
        this.recovery = recovery;
    }

    @Override
    public void accept(DomainEvent event) {
        if (event instanceof DomainEvent.MessageCreated created) {
            messageCreated(created);
        } else if (event instanceof DomainEvent.MessageUpdated updated) {
            var message = updated.message();
            var room = Set.of(Rooms.conversation(message.conversationId().value()));
            if (message.encrypted()) {
                perDevice(room, "message_updated", message, "");
            } else {
                broadcast(room, SocketPacket.event("message_updated", WireJson.message(message)), false, "", "");
            }
        } else if (event instanceof DomainEvent.DeviceChanged device) {
            rooms.socketsIn(Rooms.user(device.userId().value()))
                    .forEach(socket -> socket.deviceChanged(device.deviceId(), device.added()));
            ObjectNode payload = WireJson.MAPPER
                    .createObjectNode()
                    .put("userId", device.userId().value())
                    .put("deviceId", device.deviceId().value());
            toUsers(
                    device.audience(),
                    SocketPacket.event(device.added() ? "device_added" : "device_removed", payload),
                    false);
        } else if (event instanceof DomainEvent.MessageDeleted deleted) {
            ObjectNode payload = WireJson.MAPPER
                    .createObjectNode()
                    .put("conversationId", deleted.conversationId().value())
                    .put("messageId", deleted.messageId().value());
            toConversation(deleted.conversationId().value(), SocketPacket.event("message_deleted", payload));
        } else if (event instanceof DomainEvent.MessagesRead read) {
            messagesRead(read);
        } else if (event instanceof DomainEvent.TypingChanged typing) {
            shownTypings.changed(typing);
            typing(typing.conversationId(), typing.userId(), typing.typing());
        } else if (event instanceof DomainEvent.PresenceChanged presence) {
            presenceChanged(presence);
        } else if (event instanceof DomainEvent.ConversationChanged changed) {
            String room = Rooms.conversation(changed.conversation().id().value());
            for (UserId removed : changed.removedIds()) {
                rooms.socketsIn(Rooms.user(removed.value())).forEach(socket -> socket.leave(room));
            }
            conversationChanged(changed);
        }
    }

    private void conversationChanged(DomainEvent.ConversationChanged changed) {
        toUsers(
                changed.conversation().participantIds(),
                SocketPacket.event("conversation_updated", WireJson.conversation(changed.conversation())),
                false);
        ObjectNode removed = WireJson.MAPPER
                .createObjectNode()
                .put("conversationId", changed.conversation().id().value());
        toUsers(changed.removedIds(), SocketPacket.event("conversation_removed", removed), false);
    }

    private void messageCreated(DomainEvent.MessageCreated created) {
        var message = created.message();
        String origin = created.originConnectionId().orElse("");
        if (message.encrypted()) {
            encryptedCreated(created, origin);
            return;
        }
        String json = MessageJson.of(message);
        broadcast(
                Set.of(Rooms.conversation(message.conversationId().value())),
                SocketPacket.event("new_message", json),
                false,
                origin,
                "");
        ObjectNode notification = WireJson.MAPPER
                .createObjectNode()
                .put("conversationId", message.conversationId().value());
        notification.putRawValue("message", MessageJson.raw(message));
        broadcast(
                otherParticipantRooms(created),
                SocketPacket.event("message_notification", notification),
                false,
                "",
                "");
    }

    /** The user rooms of every participant but the sender. */
    private static Set<String> otherParticipantRooms(DomainEvent.MessageCreated created) {
        var recipients = new HashSet<String>();
        for (UserId participant : created.participantIds()) {
            if (!participant.equals(created.message().senderId())) {
                recipients.add(Rooms.user(participant.value()));
            }
        }
        return recipients;
    }

    /** An encrypted message goes out as {@link #messageCreated} sends any other, each device with its own envelope. */
    private void encryptedCreated(DomainEvent.MessageCreated created, String origin) {
        var message = created.message();
        perDevice(Set.of(Rooms.conversation(message.conversationId().value())), "new_message", message, origin);
        perDevice(otherParticipantRooms(created), "message_notification", message, "");
    }

    private void messagesRead(DomainEvent.MessagesRead read) {
        ObjectNode payload = WireJson.MAPPER
                .createObjectNode()
                .put("conversationId", read.conversationId().value())
                .put("userId", read.readerId().value());
        ArrayNode ids = payload.putArray("messageIds");
        read.messageIds().forEach(id -> ids.add(id.value()));
        payload.put("upToMessageId", read.upToMessageId().map(MessageId::value).orElse(null));
        payload.put("readAt", WireJson.timestamp(read.readAt()));
        toUsers(read.participantIds(), SocketPacket.event("messages_read", payload), false);
    }

    private void typing(ConversationId conversationId, UserId typist, boolean isTyping) {
        ObjectNode payload = WireJson.MAPPER
                .createObjectNode()
                .put("conversationId", conversationId.value())
                .put("userId", typist.value())
                .put("isTyping", isTyping);
        broadcast(
                Set.of(Rooms.conversation(conversationId.value())),
                SocketPacket.event("user_typing", payload),
                true,
                "",
                typist.value());
    }

    private void presenceChanged(DomainEvent.PresenceChanged presence) {
        if (!presence.online()) {
            shownTypings
                    .endAll(presence.userId())
                    .forEach(conversation -> typing(conversation, presence.userId(), false));
        }
        ObjectNode payload = WireJson.MAPPER
                .createObjectNode()
                .put("userId", presence.userId().value());
        presence.lastSeenAt().ifPresent(at -> payload.put("lastSeenAt", WireJson.timestamp(at)));
        String name = presence.online() ? "user_online" : "user_offline";
        toUsers(presence.contactIds(), SocketPacket.event(name, payload), true);
    }

    private void toUsers(Collection<UserId> users, String packet, boolean droppable) {
        var userRooms = new HashSet<String>();
        users.forEach(user -> userRooms.add(Rooms.user(user.value())));
        broadcast(userRooms, packet, droppable, "", "");
    }

    private void toConversation(String conversationId, String packet) {
        broadcast(Set.of(Rooms.conversation(conversationId)), packet, false, "", "");
    }

    /**
     * Sends an event that carries an encrypted message to every socket of the rooms but the socket named (or
     * {@code ""}), each with its own device's envelope; recovery records it as a template to render per device.
     */
    private void perDevice(Set<String> targets, String event, Message message, String exceptSocketId) {
        if (targets.isEmpty()) {
            return;
        }
        long offset = recovery.enabled()
                ? recovery.store().record(targets, exceptSocketId, "", DeviceFrames.template(event, message), false)
                : 0;
        var frames = new DeviceFrames(event, message, offset);
        Predicate<SocketConnection> include = socket -> !socket.id().equals(exceptSocketId);
        for (String room : targets) {
            rooms.send(room, frames::forSocket, include);
        }
    }

    /**
     * Sends one frame to every socket of the rooms but the socket and the user named (or {@code ""}); with
     * recovery on, the broadcast is recorded first and its offset becomes the event's last argument.
     */
    private void broadcast(
            Set<String> targets, String packet, boolean droppable, String exceptSocketId, String exceptUserId) {
        if (targets.isEmpty()) {
            return;
        }
        long offset = recovery.enabled()
                ? recovery.store().record(targets, exceptSocketId, exceptUserId, packet, droppable)
                : 0;
        Frame frame = Frame.broadcast(packet, offset, droppable);
        Predicate<SocketConnection> include = socket -> !socket.id().equals(exceptSocketId)
                && !socket.user().id().value().equals(exceptUserId);
        for (String room : targets) {
            rooms.send(room, frame, include);
        }
    }
}
