-- 工作台 (web console): sign-in links and sessions. Only SHA-256 hashes of the secrets are stored, so a copy of
-- the database signs nobody in. A person may hold roles at several units (one officials row each): a link and
-- a session carry every active row of the email address they were made for.

CREATE TABLE console_sign_in_links (
    token_hash    text COLLATE "C" PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    official_ids  text[]      NOT NULL CHECK (cardinality(official_ids) > 0),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL CHECK (expires_at > created_at),
    -- Single use: set by the sign-in that redeems the link.
    used_at       timestamptz
);

CREATE TABLE console_sessions (
    id_hash       text COLLATE "C" PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    official_ids  text[]      NOT NULL CHECK (cardinality(official_ids) > 0),
    -- The session's CSRF token (every form carries it); random, not derived from the cookie.
    csrf_token    text        NOT NULL CHECK (csrf_token ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    ended_at      timestamptz,
    ended_reason  text        CHECK (ended_reason IN ('sign_out', 'sign_out_everywhere')),
    CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
);
CREATE INDEX console_sessions_officials ON console_sessions USING gin (official_ids) WHERE ended_at IS NULL;

-- 我的工作: the open occurrences of one official.
CREATE INDEX occurrences_open_official_idx ON occurrences (official_id) WHERE status = 'open';

-- Changes made in the console are audited and recorded with their own channel.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_channel_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'scheduler', 'demo', 'public', 'screener', 'console'));
ALTER TABLE occurrences DROP CONSTRAINT occurrences_completion_channel_check;
ALTER TABLE occurrences ADD CONSTRAINT occurrences_completion_channel_check
    CHECK (completion_channel IN ('cli', 'http', 'link', 'console'));
