ALTER TABLE messages ADD COLUMN scheduled_message_id TEXT;
CREATE TABLE scheduled_messages (
    id TEXT PRIMARY KEY,
    sender_id TEXT NOT NULL,
    conversation_id TEXT,
    recipient_id TEXT,
    type TEXT NOT NULL,
    content TEXT NOT NULL,
    client_message_id TEXT,
    reply_to_id TEXT,
    send_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    message_id TEXT,
    failure TEXT,
    created_at INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    claimed INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX scheduled_by_client_id ON scheduled_messages (sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE INDEX scheduled_by_sender ON scheduled_messages (sender_id, send_at, id);
CREATE INDEX scheduled_due ON scheduled_messages (available_at, id) WHERE status = 'SCHEDULED';
CREATE TABLE scheduled_message_attachments (
    scheduled_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    attachment_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT,
    PRIMARY KEY (scheduled_id, position)
);
