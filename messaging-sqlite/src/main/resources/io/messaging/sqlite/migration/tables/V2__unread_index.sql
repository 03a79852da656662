CREATE INDEX messages_unread ON messages (conversation_id, seq, sender_id, deleted, id);
