-- A journaled voice message's duration and waveform.
CREATE TABLE journal_voice (
    position INTEGER PRIMARY KEY,
    duration_ms INTEGER NOT NULL,
    waveform TEXT NOT NULL
);
