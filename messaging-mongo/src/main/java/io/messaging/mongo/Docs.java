package io.messaging.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/** Reading optional values and instants out of BSON documents. */
final class Docs {
    private Docs() {
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    static Instant instant(Document document, String field) {
        return document.getDate(field).toInstant();
    }

    static Optional<Instant> optionalInstant(Document document, String field) {
        return Optional.ofNullable(document.getDate(field)).map(Date::toInstant);
    }

    static Optional<String> optionalText(Document document, String field) {
        return Optional.ofNullable(document.getString(field));
    }
}
