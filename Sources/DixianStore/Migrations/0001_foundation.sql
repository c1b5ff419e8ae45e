-- 0001 foundation: the daemon's own bookkeeping.
-- Migrations run inside one transaction under an advisory lock (see Migrator.swift);
-- statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are not allowed here.

-- Every running daemon replica registers itself and refreshes last_seen_at, so operators
-- (and later the singleton services) can see who is alive.
CREATE TABLE daemon_instances (
    instance_id   uuid        PRIMARY KEY,
    hostname      text        NOT NULL,
    pid           integer     NOT NULL,
    version       text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    stopped_at    timestamptz
);

CREATE INDEX daemon_instances_last_seen_idx ON daemon_instances (last_seen_at DESC);
