-- The voice note of each voice message (one row per voice message; other messages have none).
CREATE TABLE IF NOT EXISTS message_voice (
    message_id TEXT PRIMARY KEY,
    duration_ms INTEGER NOT NULL,
    waveform TEXT NOT NULL
);
