CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    password_hash TEXT NOT NULL
);
CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    title TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_message_at INTEGER,
    last_activity_at INTEGER NOT NULL,
    direct_key TEXT UNIQUE,
    last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE participants (
    conversation_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX participants_by_user ON participants (user_id, conversation_id);
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
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
    deleted_at INTEGER,
    UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_by_time ON messages (created_at, id);
CREATE TABLE message_attachments (
    message_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    attachment_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT,
    PRIMARY KEY (message_id, position)
);
CREATE INDEX message_attachments_by_attachment ON message_attachments (attachment_id);
CREATE TABLE reactions (
    message_id TEXT NOT NULL,
    emoji TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
CREATE TABLE receipts (
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE TABLE reading_starts (
    conversation_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    uploader_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.deleted = 0 BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, coalesce(new.content, ''));
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, deleted ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.rowid;
    INSERT INTO messages_fts (rowid, content) SELECT new.rowid, coalesce(new.content, '') WHERE new.deleted = 0;
END;
