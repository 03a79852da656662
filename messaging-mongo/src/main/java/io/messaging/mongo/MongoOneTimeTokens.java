package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.OneTimeTokens;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/** Single-use tokens on MongoDB: consuming is one atomic find-and-delete. */
final class MongoOneTimeTokens implements OneTimeTokens {
    private final MongoCollection<Document> tokens;

    MongoOneTimeTokens(MongoCollection<Document> tokens) {
        this.tokens = tokens;
    }

    @Override
    public void save(OneTimeToken token) {
        Guard.run(
                "save token",
                () -> tokens.replaceOne(
                        eq("_id", token.tokenHash()),
                        new Document("_id", token.tokenHash())
                                .append("userId", token.userId().value())
                                .append("purpose", token.purpose().name())
                                .append("expiresAt", Docs.date(token.expiresAt())),
                        new ReplaceOptions().upsert(true)));
    }

    @Override
    public Optional<OneTimeToken> consume(String tokenHash, TokenPurpose purpose, Instant now) {
        Document found = Guard.call(
                "consume token",
                () -> tokens.findOneAndDelete(and(eq("_id", tokenHash), eq("purpose", purpose.name()))));
        if (found == null) {
            return Optional.empty();
        }
        var token = new OneTimeToken(
                tokenHash, UserId.of(found.getString("userId")), purpose, Docs.instant(found, "expiresAt"));
        return token.expiresAt().isAfter(now) ? Optional.of(token) : Optional.empty();
    }
}
