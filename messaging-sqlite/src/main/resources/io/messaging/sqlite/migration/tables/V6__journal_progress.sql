CREATE TABLE journal_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    applied_through INTEGER NOT NULL
);
INSERT INTO journal_progress (id, applied_through) VALUES (1, 0);
