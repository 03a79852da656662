package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The device key directory on MongoDB, shared by every node: one document per device and one per one-time prekey.
 * A claim takes a prekey by deleting its document: of racing claims only the one whose delete removed it gets it,
 * the others move on to the next key. The device and prekey limits are checked before the write, so nodes
 * registering the same user's devices at the same instant may pass a limit by the few that raced.
 */
final class MongoDevices implements Devices {
    private final MongoCollection<Document> devices;
    private final MongoCollection<Document> preKeys;

    MongoDevices(MongoCollection<Document> devices, MongoCollection<Document> preKeys) {
        this.devices = devices;
        this.preKeys = preKeys;
    }

    /** The indexes the directory reads by. */
    static void createIndexes(MongoCollection<Document> devices, MongoCollection<Document> preKeys) {
        devices.createIndex(Indexes.ascending("userId", "createdAt"));
        preKeys.createIndex(Indexes.ascending("deviceId", "keyId"));
    }

    @Override
    public RegisterOutcome register(Device device, List<OneTimePreKey> oneTimePreKeys, int maxDevices, int maxPreKeys) {
        return Guard.call("register device", () -> {
            Optional<Device> existing = find(device.deviceId());
            if (existing.isPresent() && !existing.get().userId().equals(device.userId())) {
                return new RegisterOutcome.TakenByAnotherUser();
            }
            if (existing.isEmpty()
                    && devices.countDocuments(eq("userId", device.userId().value())) >= maxDevices) {
                return new RegisterOutcome.DeviceLimitReached();
            }
            boolean sameIdentity = device.renews(existing);
            String id = device.deviceId().value();
            int total = sameIdentity ? afterUpload(id, oneTimePreKeys) : oneTimePreKeys.size();
            if (total > maxPreKeys) {
                return new RegisterOutcome.PreKeyLimitReached(remaining(device.deviceId()));
            }
            Device stored = device.storedOver(existing);
            if (!sameIdentity) {
                preKeys.deleteMany(eq("deviceId", id));
            }
            devices.replaceOne(eq("_id", id), document(stored), new ReplaceOptions().upsert(true));
            insertPreKeys(id, oneTimePreKeys);
            return new RegisterOutcome.Stored(stored, !sameIdentity, remaining(device.deviceId()));
        });
    }

    @Override
    public UploadOutcome addPreKeys(
            UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys, int maxPreKeys) {
        return Guard.call("upload prekeys", () -> {
            if (owned(userId, deviceId).isEmpty()) {
                return new UploadOutcome.NoSuchDevice();
            }
            if (afterUpload(deviceId.value(), oneTimePreKeys) > maxPreKeys) {
                return new UploadOutcome.LimitReached(remaining(deviceId));
            }
            insertPreKeys(deviceId.value(), oneTimePreKeys);
            return new UploadOutcome.Added(remaining(deviceId));
        });
    }

    @Override
    public Optional<Device> find(DeviceId deviceId) {
        return Guard.call(
                "find device",
                () -> Optional.ofNullable(
                                devices.find(eq("_id", deviceId.value())).first())
                        .map(MongoDevices::device));
    }

    @Override
    public List<Device> ofUser(UserId userId) {
        return Guard.call("list devices", () -> {
            var found = new ArrayList<Device>();
            devices.find(eq("userId", userId.value()))
                    .sort(Sorts.ascending("createdAt", "_id"))
                    .forEach(document -> found.add(device(document)));
            return List.copyOf(found);
        });
    }

    @Override
    public Optional<PreKeyBundle> claim(UserId userId, DeviceId deviceId) {
        return Guard.call("claim prekey", () -> {
            Optional<Device> device = owned(userId, deviceId);
            if (device.isEmpty()) {
                return Optional.<PreKeyBundle>empty();
            }
            while (true) {
                Document candidate = preKeys.find(eq("deviceId", deviceId.value()))
                        .sort(Sorts.ascending("keyId"))
                        .first();
                if (candidate == null) {
                    return Optional.of(new PreKeyBundle(device.get(), Optional.empty()));
                }
                // whoever deletes the document has claimed it; a claim that lost the race tries the next key
                if (preKeys.deleteOne(eq("_id", candidate.getString("_id"))).getDeletedCount() == 1) {
                    var key = new OneTimePreKey(
                            candidate.get("keyId", Number.class).longValue(), candidate.getString("publicKey"));
                    return Optional.of(new PreKeyBundle(device.get(), Optional.of(key)));
                }
            }
        });
    }

    @Override
    public int remaining(DeviceId deviceId) {
        return Guard.call("count prekeys", () -> (int) preKeys.countDocuments(eq("deviceId", deviceId.value())));
    }

    @Override
    public boolean remove(UserId userId, DeviceId deviceId) {
        return Guard.call("remove device", () -> {
            boolean removed = devices.deleteOne(and(eq("_id", deviceId.value()), eq("userId", userId.value())))
                            .getDeletedCount()
                    == 1;
            if (removed) {
                preKeys.deleteMany(eq("deviceId", deviceId.value()));
            }
            return removed;
        });
    }

    private Optional<Device> owned(UserId userId, DeviceId deviceId) {
        return find(deviceId).filter(device -> device.userId().equals(userId));
    }

    /** How many prekeys the device would hold once these are stored. */
    private int afterUpload(String deviceId, List<OneTimePreKey> keys) {
        List<String> ids =
                keys.stream().map(key -> preKeyId(deviceId, key.keyId())).toList();
        long already = ids.isEmpty() ? 0 : preKeys.countDocuments(in("_id", ids));
        return (int) (preKeys.countDocuments(eq("deviceId", deviceId)) + keys.size() - already);
    }

    private void insertPreKeys(String deviceId, List<OneTimePreKey> keys) {
        for (OneTimePreKey key : keys) {
            String id = preKeyId(deviceId, key.keyId());
            preKeys.replaceOne(
                    eq("_id", id),
                    new Document("_id", id)
                            .append("deviceId", deviceId)
                            .append("keyId", key.keyId())
                            .append("publicKey", key.publicKey()),
                    new ReplaceOptions().upsert(true));
        }
    }

    private static String preKeyId(String deviceId, long keyId) {
        return deviceId + ":" + keyId;
    }

    private static Document document(Device device) {
        return new Document("_id", device.deviceId().value())
                .append("userId", device.userId().value())
                .append("name", device.name())
                .append("identityKey", device.identityKey())
                .append(
                        "signedPreKey",
                        new Document("keyId", device.signedPreKey().keyId())
                                .append("publicKey", device.signedPreKey().publicKey())
                                .append("signature", device.signedPreKey().signature()))
                .append("createdAt", Docs.date(device.createdAt()));
    }

    private static Device device(Document document) {
        Document signed = document.get("signedPreKey", Document.class);
        return new Device(
                DeviceId.of(document.getString("_id")),
                UserId.of(document.getString("userId")),
                document.getString("name"),
                document.getString("identityKey"),
                new SignedPreKey(
                        signed.get("keyId", Number.class).longValue(),
                        signed.getString("publicKey"),
                        signed.getString("signature")),
                Docs.instant(document, "createdAt"));
    }
}
