-- 0004 notify: the dispatcher's side of the outbox: retries, leases that survive a crash, digests,
-- dead letters, endpoints that said 410 Gone, and the NOTIFY that wakes dispatchers.

-- retry_at: a failed message waits until then (NULL: send at send_at).
-- locked_until / claimed_by: a claimed ('sending') message belongs to the claiming dispatcher until the
--   lease ends or its database session is gone (claimed_by = backend pid and start time of the
--   dispatcher's dedicated connection), so a kill -9 frees its messages within a sweep, not a lease.
-- digest_key: the key of the digest (汇总提醒) the message was claimed into; kept, so a message
--   re-claimed after a crash goes out in the same digest with the same Message-ID / webhook-id.
-- delivered_as: the key of the message that carried it (its own key or the digest's).
ALTER TABLE outbox
    ADD COLUMN retry_at     timestamptz,
    ADD COLUMN locked_until timestamptz,
    ADD COLUMN claimed_by   text,
    ADD COLUMN digest_key   text,
    ADD COLUMN delivered_as text;

CREATE INDEX outbox_sending_idx ON outbox (locked_until) WHERE status = 'sending';
CREATE INDEX outbox_dead_idx ON outbox (updated_at) WHERE status = 'dead';

-- A webhook endpoint that answered 410 Gone is disabled until an operator re-enables it
-- (`dixian outbox retry` on one of its messages does).
CREATE TABLE notify_disabled_channels (
    channel      text        PRIMARY KEY,
    disabled_at  timestamptz NOT NULL,
    reason       text        NOT NULL
);

-- Wakes dispatchers when messages are added. A statement-level trigger: one pg_notify per INSERT
-- statement, and PostgreSQL folds identical notifications of one transaction into one, so a planning
-- tick that writes 100,000 rows sends one NOTIFY (a per-row NOTIFY halves the commit rate).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dixian_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify_insert AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
