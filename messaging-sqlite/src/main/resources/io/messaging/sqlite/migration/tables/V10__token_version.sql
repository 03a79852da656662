-- The version of a user's tokens: a password change or reset increments it, which revokes every earlier token.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
