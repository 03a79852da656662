package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.PushJob;
import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

/**
 * The durable push queue on MongoDB, shared by every node: a claim leases each job with a conditional update on its
 * due time, so of two nodes claiming the same job only one gets it.
 */
final class MongoPushQueue implements PushQueue {
    private final MongoCollection<Document> jobs;

    MongoPushQueue(MongoCollection<Document> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void enqueue(Collection<PushJob> queued) {
        Guard.run(
                "queue pushes",
                () -> queued.forEach(job -> jobs.updateOne(
                        eq("_id", job.id()),
                        new Document("$setOnInsert", fields(job)),
                        new UpdateOptions().upsert(true))));
    }

    @Override
    public List<PushJob> claimDue(Instant now, int limit, Instant leaseUntil) {
        return Guard.call("claim pushes", () -> {
            jobs.deleteMany(lte("expiresAt", Docs.date(now)));
            var claimed = new ArrayList<PushJob>();
            for (Document document : jobs.find(lte("notBefore", Docs.date(now)))
                    .sort(Sorts.ascending("notBefore", "_id"))
                    .limit(limit)) {
                PushJob job = job(document);
                boolean mine = jobs.updateOne(
                                        and(eq("_id", job.id()), eq("notBefore", Docs.date(job.notBefore()))),
                                        Updates.set("notBefore", Docs.date(leaseUntil)))
                                .getModifiedCount()
                        == 1;
                if (mine) {
                    claimed.add(job);
                }
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public void complete(String jobId) {
        Guard.run("complete push", () -> jobs.deleteOne(eq("_id", jobId)));
    }

    @Override
    public void reschedule(PushJob job) {
        Guard.run(
                "reschedule push",
                () -> jobs.updateOne(
                        eq("_id", job.id()),
                        Updates.combine(
                                Updates.set("notBefore", Docs.date(job.notBefore())),
                                Updates.set("attempts", job.attempts()))));
    }

    /** The job's fields but its id, which the filter of the upsert gives. */
    private static Document fields(PushJob job) {
        PushNotification n = job.notification();
        return new Document("subscriptionId", job.subscriptionId().value())
                .append("conversationId", n.conversationId().value())
                .append("messageId", n.messageId().value())
                .append("seq", n.seq())
                .append("senderId", n.senderId().value())
                .append("senderName", n.senderName())
                .append("title", n.title())
                .append("body", n.body())
                .append("urgency", job.urgency().name())
                .append("topic", job.topic())
                .append("notBefore", Docs.date(job.notBefore()))
                .append("expiresAt", Docs.date(job.expiresAt()))
                .append("attempts", job.attempts());
    }

    private static PushJob job(Document d) {
        var notification = new PushNotification(
                ConversationId.of(d.getString("conversationId")),
                MessageId.of(d.getString("messageId")),
                d.getLong("seq"),
                UserId.of(d.getString("senderId")),
                d.getString("senderName"),
                d.getString("title"),
                d.getString("body"));
        return new PushJob(
                d.getString("_id"),
                PushSubscriptionId.of(d.getString("subscriptionId")),
                notification,
                PushUrgency.valueOf(d.getString("urgency")),
                d.getString("topic"),
                Docs.instant(d, "notBefore"),
                Docs.instant(d, "expiresAt"),
                d.getInteger("attempts"));
    }
}
