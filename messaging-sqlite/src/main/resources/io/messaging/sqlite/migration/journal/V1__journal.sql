-- The send journal: acknowledged messages at the end of one table, until the message tables hold them.
CREATE TABLE journal (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    sender_id TEXT NOT NULL,
    recipient_id TEXT,
    type TEXT NOT NULL,
    content TEXT NOT NULL,
    client_message_id TEXT,
    reply_to_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE journal_attachments (
    position INTEGER NOT NULL,
    item INTEGER NOT NULL,
    attachment_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT,
    PRIMARY KEY (position, item)
);
