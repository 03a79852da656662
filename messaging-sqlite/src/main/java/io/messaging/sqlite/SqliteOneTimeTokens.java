package io.messaging.sqlite;

import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.OneTimeTokens;
import java.time.Instant;
import java.util.Optional;

/** Single-use tokens on SQLite; consuming is a delete on the single writer, so it cannot race. */
final class SqliteOneTimeTokens implements OneTimeTokens {
    private final Database db;

    SqliteOneTimeTokens(Database db) {
        this.db = db;
    }

    @Override
    public void save(OneTimeToken token) {
        db.write(connection -> {
            try (var statement = connection.prepareStatement("INSERT OR REPLACE INTO one_time_tokens "
                    + "(token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)")) {
                Rows.bind(
                        statement,
                        token.tokenHash(),
                        token.userId().value(),
                        token.purpose().name(),
                        token.expiresAt());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OneTimeToken> consume(String tokenHash, TokenPurpose purpose, Instant now) {
        return db.write(connection -> {
            try (var statement = connection.prepareStatement("DELETE FROM one_time_tokens WHERE token_hash = ? "
                    + "AND purpose = ? RETURNING user_id, expires_at")) {
                Rows.bind(statement, tokenHash, purpose.name());
                try (var rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<OneTimeToken>empty();
                    }
                    var token = new OneTimeToken(
                            tokenHash,
                            UserId.of(rows.getString("user_id")),
                            purpose,
                            Instant.ofEpochMilli(rows.getLong("expires_at")));
                    return token.expiresAt().isAfter(now) ? Optional.of(token) : Optional.<OneTimeToken>empty();
                }
            }
        });
    }
}
