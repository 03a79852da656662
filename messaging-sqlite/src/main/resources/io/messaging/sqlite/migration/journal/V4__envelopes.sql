-- A journaled encrypted message's per-device envelopes, as one JSON object {deviceId: {type, body}}.
CREATE TABLE journal_envelopes (
    position INTEGER PRIMARY KEY,
    envelopes TEXT NOT NULL
);
