package io.messaging.core.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Encodes paging positions as opaque strings and reads them back, rejecting anything it did not make. */
final class Cursors {
    private Cursors() {}

    /** A position made of an instant and an id. */
    record TimeAndId(Instant at, String id) {}

    static String encode(Instant at, String id) {
        String raw = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<TimeAndId> decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon <= 0 || colon == raw.length() - 1) {
                return Optional.empty();
            }
            long millis = Long.parseLong(raw.substring(0, colon));
            return Optional.of(new TimeAndId(Instant.ofEpochMilli(millis), raw.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A history cursor: the seq of the oldest message of the previous page. */
    static Optional<Long> decodeSeq(String cursor) {
        try {
            long seq = Long.parseLong(cursor);
            return seq > 0 ? Optional.of(seq) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
