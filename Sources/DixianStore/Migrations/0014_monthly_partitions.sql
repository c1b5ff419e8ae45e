-- 0014 (issue 17): occurrences and the outbox are partitioned by month, so old months leave as whole tables
-- (retention.sent_messages) instead of growing one table by 11 million messages a year at province size.
--
-- The month (partition_month) never changes once a row is written, and it follows from the row's key: an
-- occurrence's month is the first month of its period (2026-Q3 → 2026-07; E12 → the month of event clock 12), so
-- a replan that moves a due date writes the same row again, never a second one in another month. A message lives
-- in its occurrence's month; a notice without an occurrence in the month of its send_at. UNIQUE (key, month) is
-- therefore as strong as the old UNIQUE (key).
--
-- Every existing row is copied with its id; the identity sequences go on from where they were.

-- The month of an occurrence's period. IMMUTABLE and free of lookups so PostgreSQL inlines it into the
-- planner's bulk insert (every function in it must be immutable too: a date_trunc of a date, which PostgreSQL
-- reads as timestamptz, stopped the inlining and cost 18 µs a row); an event clock's instant is passed in. The key's form is read from its shape (digits as
-- 9), one string comparison instead of a regular expression per form: six expressions cost 15 µs a row, a first
-- tick's 1.5 million rows 22 s. A key of no form the planner makes (tests write `P1`) gets 1970-01, which only the
-- default partition takes: still one month per key.
CREATE FUNCTION occurrence_month(period_key text, clock_at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN left(period_key, 1) = '0' THEN DATE '1970-01-01' ELSE
        CASE translate(period_key, '0123456789', '9999999999')
            WHEN '9999' THEN make_date(period_key::int, 1, 1)
            WHEN '9999-Q9' THEN CASE WHEN substr(period_key, 7, 1) BETWEEN '1' AND '4'
                THEN make_date(left(period_key, 4)::int, substr(period_key, 7, 1)::int * 3 - 2, 1) ELSE DATE '1970-01-01' END
            WHEN '9999-H9' THEN CASE WHEN substr(period_key, 7, 1) BETWEEN '1' AND '2'
                THEN make_date(left(period_key, 4)::int, substr(period_key, 7, 1)::int * 6 - 5, 1) ELSE DATE '1970-01-01' END
            -- ISO week: the month of its Monday (week 1 holds 4 January).
            WHEN '9999-W99' THEN CASE WHEN substr(period_key, 7, 2) BETWEEN '01' AND '53'
                THEN date_trunc('month', (make_date(left(period_key, 4)::int, 1, 4)
                    - (extract(isodow FROM make_date(left(period_key, 4)::int, 1, 4))::int - 1)
                    + 7 * (substr(period_key, 7, 2)::int - 1))::timestamp)::date
                ELSE DATE '1970-01-01' END
            -- A month (2026-07, or 2026-7) or a day (2026-07-03).
            WHEN '9999-99' THEN CASE WHEN substr(period_key, 6, 2) BETWEEN '01' AND '12'
                THEN make_date(left(period_key, 4)::int, substr(period_key, 6, 2)::int, 1) ELSE DATE '1970-01-01' END
            WHEN '9999-9' THEN CASE WHEN substr(period_key, 6, 1) <> '0'
                THEN make_date(left(period_key, 4)::int, substr(period_key, 6, 1)::int, 1) ELSE DATE '1970-01-01' END
            WHEN '9999-99-99' THEN CASE WHEN substr(period_key, 6, 2) BETWEEN '01' AND '12'
                THEN make_date(left(period_key, 4)::int, substr(period_key, 6, 2)::int, 1) ELSE DATE '1970-01-01' END
            ELSE CASE WHEN period_key ~ '^E[0-9]+$'
                THEN coalesce(date_trunc('month', clock_at AT TIME ZONE 'UTC')::date, DATE '1970-01-01')
                ELSE DATE '1970-01-01' END
        END
    END
$$;

-- The month a notice without an occurrence lives in: that of its send_at, in UTC so no session setting moves it.
CREATE FUNCTION send_month(send_at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('month', send_at AT TIME ZONE 'UTC')::date
$$;

-- Creates the partition of `parent` for `month` unless it exists; returns its name. A month whose rows already
-- sit in the default partition keeps them there (returns NULL): PostgreSQL refuses a partition that would take
-- rows from the default, and moving them is not worth a lock on the whole table.
CREATE FUNCTION ensure_month_partition(parent text, month date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    name text := parent || '_' || to_char(first, 'YYYY_MM');
    taken boolean;
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE partition_month >= %L AND partition_month < %L)',
                   parent || '_default', first, (first + interval '1 month')::date) INTO taken;
    IF taken THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                   name, parent, first, (first + interval '1 month')::date);
    RETURN name;
END;
$$;

-- Drops the outbox partition of `month` (retention.sent_messages) unless a message in it is still to be sent;
-- returns how many rows it held, or NULL when it was kept or is absent. The lock comes first so that nothing can
-- arrive between the check and the drop.
CREATE FUNCTION drop_sent_outbox_month(month date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    name text := 'outbox_' || to_char(date_trunc('month', month), 'YYYY_MM');
    unsent boolean;
    held bigint;
BEGIN
    IF to_regclass(name) IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', name);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE status IN (''pending'', ''sending'', ''failed'')), count(*) FROM %I',
                   name, name) INTO unsent, held;
    IF unsent THEN
        RETURN NULL;
    END IF;
    EXECUTE format('DROP TABLE %I', name);
    RETURN held;
END;
$$;

-- Foreign keys into occurrences must name the partition key, which audit_log and used_action_links do not
-- carry; a trigger checks that their occurrence exists instead (occurrences are never deleted: retention drops
-- only outbox months). Both tables take a few rows per person's action, so the trigger's cost does not matter.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_occurrence_id_fkey;
ALTER TABLE used_action_links DROP CONSTRAINT used_action_links_occurrence_id_fkey;
ALTER TABLE outbox DROP CONSTRAINT outbox_occurrence_id_fkey;

CREATE FUNCTION occurrence_must_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.occurrence_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM occurrences WHERE id = NEW.occurrence_id) THEN
        RAISE foreign_key_violation USING MESSAGE = format('occurrence %s does not exist (%s)', NEW.occurrence_id, TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END;
$$;

ALTER TABLE occurrences RENAME TO occurrences_unpartitioned;
ALTER SEQUENCE occurrences_id_seq RENAME TO occurrences_unpartitioned_id_seq;
ALTER TABLE outbox RENAME TO outbox_unpartitioned;
ALTER SEQUENCE outbox_id_seq RENAME TO outbox_unpartitioned_id_seq;

CREATE TABLE occurrences (
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    key                text COLLATE "C" NOT NULL,
    duty_id            text COLLATE "C" NOT NULL,
    unit_code          text COLLATE "C" NOT NULL CONSTRAINT occurrences_unit_code_fkey REFERENCES org_units (code) ON UPDATE CASCADE,
    official_id        text        CONSTRAINT occurrences_official_id_fkey REFERENCES officials (id) ON UPDATE CASCADE,
    event_clock_id     bigint      CONSTRAINT occurrences_event_clock_id_fkey REFERENCES event_clocks (id),
    period_key         text        NOT NULL,
    period_label       text        NOT NULL,
    nominal_due_date   date        NOT NULL,
    due_date           date        NOT NULL,
    due_at             timestamptz NOT NULL,
    opens_at           timestamptz NOT NULL CONSTRAINT occurrences_check CHECK (opens_at <= due_at),
    status             text        NOT NULL DEFAULT 'open' CONSTRAINT occurrences_status_check
                                   CHECK (status IN ('open', 'done', 'waived', 'withdrawn', 'not_applicable')),
    unassigned         boolean     NOT NULL DEFAULT false,
    target             numeric,
    target_compare     text        CONSTRAINT occurrences_target_compare_check CHECK (target_compare IN ('at_least', 'at_most')),
    achieved           numeric,
    target_met         boolean,
    completed_at       timestamptz,
    completed_by       text,
    completion_channel text        CONSTRAINT occurrences_completion_channel_check CHECK (completion_channel IN ('cli', 'http', 'link', 'console')),
    note               text        CONSTRAINT occurrences_note_check CHECK (length(note) <= 2000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- The first month of the period (occurrence_month); never updated.
    partition_month    date        NOT NULL,
    CONSTRAINT occurrences_completion_consistent CHECK ((status IN ('done', 'waived')) = (completed_at IS NOT NULL))
) PARTITION BY RANGE (partition_month);

CREATE TABLE outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    key            text COLLATE "C" NOT NULL,
    occurrence_id  bigint,
    kind           text        NOT NULL CONSTRAINT outbox_kind_check CHECK (kind IN ('reminder', 'escalation', 'notice')),
    step           text,
    recipient_id   text        CONSTRAINT outbox_recipient_id_fkey REFERENCES officials (id) ON UPDATE CASCADE,
    role_id        text,
    channel        text        NOT NULL,
    send_at        timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'pending' CONSTRAINT outbox_status_check
                               CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'superseded')),
    catch_up       boolean     NOT NULL DEFAULT false,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text,
    payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    retry_at       timestamptz,
    locked_until   timestamptz,
    claimed_by     text,
    digest_key     text,
    delivered_as   text,
    -- The occurrence's month, or the month of send_at (UTC) for a notice without one; never updated.
    partition_month date       NOT NULL
) PARTITION BY RANGE (partition_month);

CREATE TABLE occurrences_default PARTITION OF occurrences DEFAULT;
CREATE TABLE outbox_default PARTITION OF outbox DEFAULT;

-- An event clock's occurrence (period key E<clock id>) takes the clock's month, found by the key as the planner
-- finds it.
CREATE TEMPORARY TABLE occurrence_months ON COMMIT DROP AS
SELECT o.id, occurrence_month(o.period_key, coalesce(c.event_at, o.created_at)) AS month
  FROM occurrences_unpartitioned o
  LEFT JOIN event_clocks c ON c.id = CASE WHEN o.period_key ~ '^E[0-9]+$' THEN substr(o.period_key, 2)::bigint END;

SELECT ensure_month_partition('occurrences', month) FROM (SELECT DISTINCT month FROM occurrence_months) AS months;

INSERT INTO occurrences OVERRIDING SYSTEM VALUE
SELECT o.*, m.month FROM occurrences_unpartitioned o JOIN occurrence_months m ON m.id = o.id;

CREATE TEMPORARY TABLE outbox_months ON COMMIT DROP AS
SELECT x.id, coalesce(o.partition_month, send_month(x.send_at)) AS month
  FROM outbox_unpartitioned x LEFT JOIN occurrences o ON o.id = x.occurrence_id;

SELECT ensure_month_partition('outbox', month) FROM (SELECT DISTINCT month FROM outbox_months) AS months;

INSERT INTO outbox OVERRIDING SYSTEM VALUE
SELECT x.*, m.month FROM outbox_unpartitioned x JOIN outbox_months m ON m.id = x.id;

SELECT setval(pg_get_serial_sequence('occurrences', 'id'),
              greatest((SELECT last_value FROM occurrences_unpartitioned_id_seq), (SELECT coalesce(max(id), 1) FROM occurrences)));
SELECT setval(pg_get_serial_sequence('outbox', 'id'),
              greatest((SELECT last_value FROM outbox_unpartitioned_id_seq), (SELECT coalesce(max(id), 1) FROM outbox)));

DROP TABLE outbox_unpartitioned;
DROP TABLE occurrences_unpartitioned;

ALTER TABLE occurrences ADD CONSTRAINT occurrences_pkey PRIMARY KEY (id, partition_month);
ALTER TABLE occurrences ADD CONSTRAINT occurrences_key_key UNIQUE (key, partition_month);
CREATE INDEX occurrences_open_due_idx ON occurrences (due_at) WHERE status = 'open';
CREATE INDEX occurrences_unit_idx ON occurrences (unit_code);
CREATE INDEX occurrences_duty_idx ON occurrences (duty_id, period_key);
CREATE INDEX occurrences_open_official_idx ON occurrences (official_id) WHERE status = 'open';
CREATE INDEX occurrences_event_clock_idx ON occurrences (event_clock_id) WHERE event_clock_id IS NOT NULL;

ALTER TABLE outbox ADD CONSTRAINT outbox_pkey PRIMARY KEY (id, partition_month);
ALTER TABLE outbox ADD CONSTRAINT outbox_key_key UNIQUE (key, partition_month);
-- No foreign key from the outbox to occurrences: PostgreSQL 15 checks a key into a partitioned table at about 18 µs
-- a row (3.6 µs into a plain one), which made a 2,000-village first tick three times slower. Messages reference
-- only ids that the same transaction's occurrence insert returned or that an existing message carries, and
-- occurrences are never deleted.
CREATE INDEX outbox_pending_idx ON outbox (channel, send_at, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_recipient_idx ON outbox (channel, recipient_id, send_at)
    WHERE status = 'pending' AND digest_key IS NULL;
CREATE INDEX outbox_pending_digest_idx ON outbox (digest_key) WHERE status = 'pending' AND digest_key IS NOT NULL;
CREATE INDEX outbox_occurrence_idx ON outbox (occurrence_id);
CREATE INDEX outbox_recipient_idx ON outbox (recipient_id, send_at);
CREATE INDEX outbox_sending_idx ON outbox (locked_until) WHERE status = 'sending';
CREATE INDEX outbox_dead_idx ON outbox (updated_at) WHERE status = 'dead';

CREATE TRIGGER outbox_notify_insert AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TRIGGER audit_log_occurrence_exists BEFORE INSERT OR UPDATE OF occurrence_id ON audit_log
    FOR EACH ROW EXECUTE FUNCTION occurrence_must_exist();
CREATE TRIGGER used_action_links_occurrence_exists BEFORE INSERT OR UPDATE OF occurrence_id ON used_action_links
    FOR EACH ROW EXECUTE FUNCTION occurrence_must_exist();

ANALYZE occurrences;
ANALYZE outbox;
