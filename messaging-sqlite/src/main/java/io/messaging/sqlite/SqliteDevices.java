package io.messaging.sqlite;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Devices;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device key directory on SQLite. Every change, a claim above all, runs whole on the single writer, so a one-time
 * prekey is selected and deleted in one step that no other claim can interleave with.
 */
final class SqliteDevices implements Devices {
    private static final String COLUMNS = "device_id, user_id, name, identity_key, signed_prekey_id, signed_prekey, "
            + "signed_prekey_signature, created_at";
    private final Database db;

    SqliteDevices(Database db) {
        this.db = db;
    }

    @Override
    public RegisterOutcome register(Device device, List<OneTimePreKey> oneTimePreKeys, int maxDevices, int maxPreKeys) {
        return db.write(connection -> {
            Optional<Device> existing =
                    one(connection, "device_id = ?", device.deviceId().value());
            if (existing.isPresent() && !existing.get().userId().equals(device.userId())) {
                return new RegisterOutcome.TakenByAnotherUser();
            }
            if (existing.isEmpty()
                    && count(
                                    connection,
                                    "SELECT count(*) FROM devices WHERE user_id = ?",
                                    device.userId().value())
                            >= maxDevices) {
                return new RegisterOutcome.DeviceLimitReached();
            }
            boolean sameIdentity = device.renews(existing);
            String id = device.deviceId().value();
            int kept = sameIdentity ? remaining(connection, id) : 0;
            int total = kept + newKeys(connection, id, oneTimePreKeys, sameIdentity);
            if (total > maxPreKeys) {
                return new RegisterOutcome.PreKeyLimitReached(remaining(connection, id));
            }
            Device stored = device.storedOver(existing);
            if (!sameIdentity) {
                execute(connection, "DELETE FROM device_prekeys WHERE device_id = ?", id);
            }
            execute(
                    connection,
                    "INSERT OR REPLACE INTO devices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    stored.userId().value(),
                    stored.name(),
                    stored.identityKey(),
                    stored.signedPreKey().keyId(),
                    stored.signedPreKey().publicKey(),
                    stored.signedPreKey().signature(),
                    stored.createdAt());
            insertPreKeys(connection, id, oneTimePreKeys);
            return new RegisterOutcome.Stored(stored, !sameIdentity, total);
        });
    }

    @Override
    public UploadOutcome addPreKeys(
            UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys, int maxPreKeys) {
        return db.write(connection -> {
            if (owned(connection, userId, deviceId).isEmpty()) {
                return new UploadOutcome.NoSuchDevice();
            }
            String id = deviceId.value();
            int held = remaining(connection, id);
            int total = held + newKeys(connection, id, oneTimePreKeys, true);
            if (total > maxPreKeys) {
                return new UploadOutcome.LimitReached(held);
            }
            insertPreKeys(connection, id, oneTimePreKeys);
            return new UploadOutcome.Added(total);
        });
    }

    @Override
    public Optional<Device> find(DeviceId deviceId) {
        return db.read(connection -> one(connection, "device_id = ?", deviceId.value()));
    }

    @Override
    public List<Device> ofUser(UserId userId) {
        return db.read(connection -> many(connection, "user_id = ? ORDER BY created_at, device_id", userId.value()));
    }

    @Override
    public Optional<PreKeyBundle> claim(UserId userId, DeviceId deviceId) {
        return db.write(connection -> {
            Optional<Device> device = owned(connection, userId, deviceId);
            if (device.isEmpty()) {
                return Optional.<PreKeyBundle>empty();
            }
            Optional<OneTimePreKey> key = Optional.empty();
            try (var select = connection.prepareStatement(
                    "SELECT key_id, public_key FROM device_prekeys " + "WHERE device_id = ? ORDER BY key_id LIMIT 1")) {
                try (var rows = Rows.bind(select, deviceId.value()).executeQuery()) {
                    if (rows.next()) {
                        key = Optional.of(new OneTimePreKey(rows.getLong(1), rows.getString(2)));
                    }
                }
            }
            if (key.isPresent()) {
                execute(
                        connection,
                        "DELETE FROM device_prekeys WHERE device_id = ? AND key_id = ?",
                        deviceId.value(),
                        key.get().keyId());
            }
            return Optional.of(new PreKeyBundle(device.get(), key));
        });
    }

    @Override
    public int remaining(DeviceId deviceId) {
        return db.read(connection -> remaining(connection, deviceId.value()));
    }

    @Override
    public boolean remove(UserId userId, DeviceId deviceId) {
        return db.write(connection -> {
            if (owned(connection, userId, deviceId).isEmpty()) {
                return false;
            }
            execute(connection, "DELETE FROM device_prekeys WHERE device_id = ?", deviceId.value());
            execute(connection, "DELETE FROM devices WHERE device_id = ?", deviceId.value());
            return true;
        });
    }

    private static Optional<Device> owned(Connection connection, UserId userId, DeviceId deviceId) throws SQLException {
        return one(connection, "device_id = ? AND user_id = ?", deviceId.value(), userId.value());
    }

    /** How many of the keys are not stored yet (all of them when {@code against} is false). */
    private static int newKeys(Connection connection, String deviceId, List<OneTimePreKey> keys, boolean against)
            throws SQLException {
        if (!against) {
            return keys.size();
        }
        int added = 0;
        for (OneTimePreKey key : keys) {
            if (count(
                            connection,
                            "SELECT count(*) FROM device_prekeys WHERE device_id = ? AND key_id = ?",
                            deviceId,
                            key.keyId())
                    == 0) {
                added++;
            }
        }
        return added;
    }

    private static void insertPreKeys(Connection connection, String deviceId, List<OneTimePreKey> keys)
            throws SQLException {
        try (var insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO device_prekeys (device_id, key_id, public_key) VALUES (?, ?, ?)")) {
            for (OneTimePreKey key : keys) {
                Rows.bind(insert, deviceId, key.keyId(), key.publicKey()).executeUpdate();
            }
        }
    }

    private static int remaining(Connection connection, String deviceId) throws SQLException {
        return (int) count(connection, "SELECT count(*) FROM device_prekeys WHERE device_id = ?", deviceId);
    }

    private static long count(Connection connection, String sql, Object... values) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            try (var rows = Rows.bind(statement, values).executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... values) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            Rows.bind(statement, values).executeUpdate();
        }
    }

    private static Optional<Device> one(Connection connection, String where, Object... values) throws SQLException {
        return many(connection, where, values).stream().findFirst();
    }

    private static List<Device> many(Connection connection, String where, Object... values) throws SQLException {
        try (var select = connection.prepareStatement("SELECT " + COLUMNS + " FROM devices WHERE " + where)) {
            try (var rows = Rows.bind(select, values).executeQuery()) {
                var found = new ArrayList<Device>();
                while (rows.next()) {
                    found.add(new Device(
                            DeviceId.of(rows.getString("device_id")),
                            UserId.of(rows.getString("user_id")),
                            rows.getString("name"),
                            rows.getString("identity_key"),
                            new SignedPreKey(
                                    rows.getLong("signed_prekey_id"),
                                    rows.getString("signed_prekey"),
                                    rows.getString("signed_prekey_signature")),
                            Instant.ofEpochMilli(rows.getLong("created_at"))));
                }
                return List.copyOf(found);
            }
        }
    }
}
