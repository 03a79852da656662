package io.messaging.sqlite;

import io.messaging.core.model.Envelope;
import java.util.Map;
import java.util.TreeMap;

/**
 * An encrypted message's envelopes in one text column: a line per device, {@code deviceId type body}. Device ids,
 * kinds and base64url bodies hold neither spaces nor line breaks, so the format needs no escaping.
 */
final class EnvelopeColumns {
    private EnvelopeColumns() {}

    static String text(Map<String, Envelope> envelopes) {
        var text = new StringBuilder();
        new TreeMap<>(envelopes)
                .forEach((deviceId, envelope) -> text.append(deviceId)
                        .append(' ')
                        .append(envelope.type().wireName())
                        .append(' ')
                        .append(envelope.body())
                        .append('\n'));
        return text.toString();
    }

    static Map<String, Envelope> envelopes(String text) {
        var envelopes = new TreeMap<String, Envelope>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            envelopes.put(
                    parts[0],
                    new Envelope(
                            Envelope.Kind.fromWire(parts[1])
                                    .orElseThrow(() -> new IllegalStateException("unknown envelope type " + parts[1])),
                            parts[2]));
        }
        return Map.copyOf(envelopes);
    }
}
