package io.messaging.mongo;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Reading optional values and instants out of BSON documents, and the one BSON form of attachments. */
final class Docs {
    private Docs() {}

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

    /** Attachments as embedded documents {@code {id, contentType, size, name}}. */
    static List<Document> attachments(List<Attachment> attachments) {
        var documents = new ArrayList<Document>();
        for (Attachment attachment : attachments) {
            documents.add(new Document("id", attachment.id().value())
                    .append("contentType", attachment.contentType())
                    .append("size", attachment.size())
                    .append("name", attachment.name().orElse(null)));
        }
        return documents;
    }

    /** The attachments embedded under {@code attachments}. */
    static List<Attachment> attachments(Document document) {
        var attachments = new ArrayList<Attachment>();
        for (Document item : document.getList("attachments", Document.class, List.of())) {
            attachments.add(new Attachment(
                    AttachmentId.of(item.getString("id")),
                    item.getString("contentType"),
                    item.get("size", Number.class).longValue(),
                    optionalText(item, "name")));
        }
        return attachments;
    }
}
