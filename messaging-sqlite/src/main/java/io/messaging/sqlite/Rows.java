package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Conversions between column values and domain values. */
final class Rows {
    private Rows() {}

    static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Optional<String> text(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        statement.setString(index, value.orElse(null));
    }

    /** Binds the values to the statement's parameters in order. */
    static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Instant instant) {
                statement.setLong(i + 1, instant.toEpochMilli());
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /**
     * The attachments of the rows, by owner and in row order: each row holds the owner's id, then the attachment's
     * id, content type, size and name (or null).
     */
    static <K> Map<K, List<Attachment>> attachmentsByOwner(ResultSet rows, Function<String, K> owner)
            throws SQLException {
        var byOwner = new HashMap<K, List<Attachment>>();
        while (rows.next()) {
            byOwner.computeIfAbsent(owner.apply(rows.getString(1)), id -> new ArrayList<>())
                    .add(new Attachment(
                            AttachmentId.of(rows.getString(2)),
                            rows.getString(3),
                            rows.getLong(4),
                            Optional.ofNullable(rows.getString(5))));
        }
        return byOwner;
    }
}
