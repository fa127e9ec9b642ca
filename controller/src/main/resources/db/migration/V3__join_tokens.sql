-- Per-worker join tokens: only the SHA-256 of a token is kept (hex), never the token. A token is bound to
-- one worker id and good for one registration before expires_at; used_at is set by that registration.
CREATE TABLE join_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    worker_id  VARCHAR(200) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX join_tokens_expires ON join_tokens (expires_at);

-- The hash of the reconnect credential a worker was given when it joined with a join token; it
-- goes with the worker's row (the registry's cleanup deletes both).
ALTER TABLE workers ADD COLUMN reconnect_hash VARCHAR(64);
