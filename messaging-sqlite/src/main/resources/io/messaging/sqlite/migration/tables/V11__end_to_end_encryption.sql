-- End-to-end encryption: a conversation that takes only encrypted messages, for good.
ALTER TABLE conversations ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0;
-- The opaque per-device envelopes of each encrypted message, as one JSON object {deviceId: {type, body}}.
CREATE TABLE message_envelopes (
    message_id TEXT PRIMARY KEY,
    envelopes TEXT NOT NULL
);
-- The device key directory: public keys only. A device id is unique across all users.
CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    identity_key TEXT NOT NULL,
    signed_prekey_id INTEGER NOT NULL,
    signed_prekey TEXT NOT NULL,
    signed_prekey_signature TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX devices_by_user ON devices (user_id, created_at);
-- Each device's one-time prekeys; a claim deletes the one it hands out.
CREATE TABLE device_prekeys (
    device_id TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    PRIMARY KEY (device_id, key_id)
);
