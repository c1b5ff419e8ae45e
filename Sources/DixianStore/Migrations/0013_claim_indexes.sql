-- 0013 (issue 17): a claim reads only the rows it takes, whatever the backlog.
--
-- The due rows come in (send_at, id) order straight from an index per channel: the old index on send_at alone
-- left PostgreSQL to sort every pending row of a send_at (a whole tick's or an outage's worth) for each batch.
DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (channel, send_at, id) WHERE status = 'pending';

-- Digest companions (messages for the same recipient within the digest window, or of the same digest) are
-- looked up per recipient and per digest key, not found by a scan of the channel's pending rows.
CREATE INDEX outbox_pending_recipient_idx ON outbox (channel, recipient_id, send_at)
    WHERE status = 'pending' AND digest_key IS NULL;
CREATE INDEX outbox_pending_digest_idx ON outbox (digest_key) WHERE status = 'pending' AND digest_key IS NOT NULL;
