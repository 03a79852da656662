package io.messaging.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ReadResult;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Authenticate;
import io.messaging.core.port.in.Connect;
import io.messaging.core.port.in.ListDevices;
import io.messaging.core.port.in.ListOnlineContacts;
import io.messaging.core.port.in.MarkRead;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.SetTyping;
import io.messaging.core.port.in.ViewConversation;
import io.messaging.core.port.out.StoreException;
import io.messaging.wire.JsonFields;
import io.messaging.wire.ScheduleMessageRequest;
import io.messaging.wire.SendMessageRequest;
import io.messaging.wire.WireJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat's client events, each answered through its acknowledgement with {@code {ok:true,...}} or an error. */
final class ChatEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ChatEvents.class);

    private final InPorts core;
    private final Rooms rooms;
    private final EventLimits limits;
    private final Map<String, EventAllowance> allowances = new ConcurrentHashMap<>();

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(
            Authenticate authenticate,
            SendMessage sendMessage,
            MarkRead markRead,
            ViewConversation viewConversation,
            SetTyping setTyping,
            Connect connect,
            ListOnlineContacts listOnlineContacts,
            ScheduleMessage scheduleMessage,
            ListDevices listDevices) {}

    ChatEvents(InPorts core, Rooms rooms, EventLimits limits) {
        this.core = core;
        this.rooms = rooms;
        this.limits = limits;
    }

    Rooms rooms() {
        return rooms;
    }

    Optional<User> authenticate(String token) {
        var outcome = core.authenticate().authenticate(token);
        return outcome instanceof Outcome.Success<User> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The device a connecting socket names, if it is one of the user's own. */
    Optional<DeviceId> ownDevice(User user, String deviceId) {
        var outcome = core.listDevices().own(user.id(), deviceId);
        return outcome instanceof Outcome.Success<DeviceId> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** Whether a recovered socket of this user may be in the room again: still a participant, or its own room. */
    boolean mayRejoin(User user, String room) {
        if (room.equals(Rooms.user(user.id().value()))) {
            return true;
        }
        String prefix = Rooms.conversation("");
        return room.startsWith(prefix)
                && core.viewConversation().view(user.id(), new ConversationId(room.substring(prefix.length())))
                        instanceof Outcome.Success<?>;
    }

    void connected(SocketConnection socket) {
        allowances.put(socket.id(), limits.forSocket());
        limits.connected(socket.user().id());
        core.connect().connected(socket.user().id(), socket.id());
    }

    void disconnected(SocketConnection socket) {
        if (allowances.remove(socket.id()) != null) {
            limits.disconnected(socket.user().id());
        }
        core.connect().disconnected(socket.user().id(), socket.id());
    }

    /**
     * Runs one event; every outcome, including bad input and failures, is answered, never thrown. An event past the
     * socket's or the user's allowance is answered {@code rate_limited} without being run; a socket that floods on
     * regardless is disconnected.
     */
    void handle(SocketConnection socket, String event, JsonNode payload, Optional<Long> ackId) {
        EventAllowance allowance = allowances.get(socket.id());
        var verdict = allowance == null
                ? EventAllowance.Verdict.ALLOWED
                : limits.take(allowance, socket.user().id());
        if (verdict != EventAllowance.Verdict.ALLOWED) {
            socket.ack(ackId, WireJson.errorAck(ErrorCode.RATE_LIMITED, "too many events, slow down"));
            if (verdict == EventAllowance.Verdict.FLOODING) {
                LOG.debug("disconnecting socket {}: event flood", socket.id());
                socket.disconnect("event flood");
            }
            return;
        }
        try {
            if (event.equals("send_message")) {
                send(socket, payload, ackId);
                return;
            }
            socket.ack(ackId, answer(socket, event, payload));
        } catch (RuntimeException e) {
            socket.ack(ackId, failure(event, e));
        }
    }

    /**
     * Sends without holding the connection's thread: the store answers on its committing thread, which only queues
     * the acknowledgement (and the events the core publishes) for the connections.
     */
    private void send(SocketConnection socket, JsonNode payload, Optional<Long> ackId) {
        var command = SendMessageRequest.parse(payload, socket.user().id(), Optional.of(socket.id()));
        if (!(command instanceof Outcome.Success<SendMessage.Command> parsed)) {
            socket.ack(ackId, reply(command, ignored -> WireJson.okAck()));
            return;
        }
        core.sendMessage()
                .sendAsync(parsed.value())
                .whenComplete((outcome, failure) -> socket.ack(
                        ackId,
                        failure == null
                                ? reply(outcome, sent -> acknowledged(socket, sent.message()))
                                : failure("send_message", unwrap(failure))));
    }

    /** The stored message for its sender's socket: an encrypted one with that socket's device's envelope alone. */
    private static JsonNode acknowledged(SocketConnection socket, Message message) {
        ObjectNode ack = WireJson.okAck();
        if (message.encrypted()) {
            ack.set("message", WireJson.message(message, socket.device()));
        } else {
            ack.putRawValue("message", MessageJson.raw(message));
        }
        return ack;
    }

    private static JsonNode failure(String event, Throwable e) {
        if (e instanceof JsonFields.BadField bad) {
            return WireJson.errorAck(ErrorCode.VALIDATION_FAILED, bad.getMessage());
        }
        if (e instanceof StoreException) {
            LOG.error("store unavailable during {}", event, e);
            return WireJson.errorAck(ErrorCode.UNAVAILABLE, "the store is unavailable, retry later");
        }
        LOG.error("event {} failed", event, e);
        return WireJson.errorAck("internal_error", "the server failed; the failure was logged");
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private JsonNode answer(SocketConnection socket, String event, JsonNode payload) {
        var me = socket.user().id();
        return switch (event) {
            case "join_conversation" -> {
                var id = conversationId(payload);
                yield reply(core.viewConversation().view(me, id), conversation -> {
                    socket.join(Rooms.conversation(id.value()));
                    return WireJson.okAck().put("conversationId", id.value());
                });
            }
            case "leave_conversation" -> {
                var id = conversationId(payload);
                yield reply(core.viewConversation().view(me, id), conversation -> {
                    socket.leave(Rooms.conversation(id.value()));
                    return WireJson.okAck();
                });
            }
            case "schedule_message" ->
                reply(ScheduleMessageRequest.parse(payload, me).flatMap(core.scheduleMessage()::schedule), done -> {
                    ObjectNode ack = WireJson.okAck();
                    ack.set("scheduled", WireJson.scheduledMessage(done.scheduled()));
                    return ack;
                });
            case "typing_start", "typing_stop" ->
                reply(
                        core.setTyping().set(me, conversationId(payload), event.equals("typing_start")),
                        done -> WireJson.okAck());
            case "mark_messages_read" -> markRead(me, payload);
            case "get_online_users" ->
                reply(core.listOnlineContacts().list(me), users -> {
                    ObjectNode ack = WireJson.okAck();
                    ArrayNode ids = ack.putArray("users");
                    users.forEach(user -> ids.add(user.value()));
                    return ack;
                });
            default -> WireJson.errorAck("unknown_event", "unknown event " + event);
        };
    }

    private JsonNode markRead(UserId me, JsonNode payload) {
        JsonFields fields = JsonFields.of(payload);
        if (fields.has("messageIds")) {
            return reply(
                    core.markRead().markMessages(me, fields.messageIds("messageIds")),
                    results -> WireJson.okAck()
                            .put(
                                    "updated",
                                    results.stream()
                                            .mapToInt(ReadResult::updated)
                                            .sum()));
        }
        var conversation = fields.optionalConversationId("conversationId")
                .orElseThrow(() -> new JsonFields.BadField("conversationId or messageIds is required"));
        return reply(
                core.markRead().markConversation(me, conversation, fields.optionalMessageId("upToMessageId")),
                result -> WireJson.okAck().put("updated", result.updated()));
    }

    private static ConversationId conversationId(JsonNode payload) {
        return JsonFields.of(payload)
                .optionalConversationId("conversationId")
                .orElseThrow(() -> new JsonFields.BadField("conversationId is required"));
    }

    private static <T> JsonNode reply(Outcome<T> outcome, Function<T, JsonNode> success) {
        if (outcome instanceof Outcome.Success<T> ok) {
            return success.apply(ok.value());
        }
        var failure = (Outcome.Failure<T>) outcome;
        return WireJson.errorAck(failure.code(), failure.message());
    }
}
