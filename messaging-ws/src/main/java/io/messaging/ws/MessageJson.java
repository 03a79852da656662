package io.messaging.ws;

import com.fasterxml.jackson.databind.util.RawValue;
import io.messaging.core.model.Message;
import io.messaging.wire.WireJson;

/**
 * A stored message as JSON, encoded once for the events that carry it and the sender's acknowledgement: they are
 * built one after another on the thread that publishes the message, which keeps its last encoding.
 */
final class MessageJson {
    private static final ThreadLocal<MessageJson> LAST = new ThreadLocal<>();

    private final Message message;
    private final String json;

    private MessageJson(Message message, String json) {
        this.message = message;
        this.json = json;
    }

    static String of(Message message) {
        MessageJson last = LAST.get();
        if (last != null && last.message == message) {
            return last.json;
        }
        String json = WireJson.write(WireJson.message(message));
        LAST.set(new MessageJson(message, json));
        return json;
    }

    /** The encoded message, to put into a larger JSON tree as it is. */
    static RawValue raw(Message message) {
        return new RawValue(of(message));
    }
}
