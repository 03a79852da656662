CREATE TABLE messages_v5 (
    entry INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    sender_id TEXT NOT NULL,
    recipient_id TEXT,
    type TEXT NOT NULL,
    content TEXT,
    client_message_id TEXT,
    reply_to_id TEXT,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER
);
INSERT INTO messages_v5 (entry, id, conversation_id, seq, sender_id, recipient_id, type, content, client_message_id,
    reply_to_id, created_at, edited_at, deleted, deleted_at)
    SELECT rowid, id, conversation_id, seq, sender_id, recipient_id, type, content, client_message_id, reply_to_id,
    created_at, edited_at, deleted, deleted_at FROM messages ORDER BY rowid;
DROP TABLE messages;
ALTER TABLE messages_v5 RENAME TO messages;
CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_by_conversation ON messages (conversation_id, seq, sender_id, deleted, id);
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, deleted ON messages
WHEN old.rowid <= (SELECT indexed_through FROM search_progress) BEGIN
    DELETE FROM messages_fts WHERE rowid = old.rowid;
    INSERT INTO messages_fts (rowid, content) SELECT new.rowid, coalesce(new.content, '') WHERE new.deleted = 0;
END;
