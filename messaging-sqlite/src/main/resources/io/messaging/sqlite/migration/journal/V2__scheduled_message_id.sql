-- The scheduled message a journaled message was sent for, if any.
ALTER TABLE journal ADD COLUMN scheduled_message_id TEXT;
