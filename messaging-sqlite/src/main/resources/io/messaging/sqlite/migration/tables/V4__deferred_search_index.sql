DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
CREATE TABLE search_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through INTEGER NOT NULL
);
INSERT INTO search_progress (id, indexed_through) SELECT 1, coalesce(max(rowid), 0) FROM messages;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, deleted ON messages
WHEN old.rowid <= (SELECT indexed_through FROM search_progress) BEGIN
    DELETE FROM messages_fts WHERE rowid = old.rowid;
    INSERT INTO messages_fts (rowid, content) SELECT new.rowid, coalesce(new.content, '') WHERE new.deleted = 0;
END;
