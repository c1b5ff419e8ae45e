-- 0003 schedule: duties become dated occurrences (一期任务) with planned reminders and escalations
-- in the outbox, completions in the audit log, and event clocks of the monitoring procedure.
-- Keys are deterministic text computed by the planner (DixianScheduling), so replanning, restarts
-- and replicas can only ever write the same row again, never a second one.

-- When the scheduler first saw each duty enabled: occurrences due before that are never back-filled
-- (plugins/README.md §6 "Start"). schedule_hash changes when the duty's timing fields change.
CREATE TABLE schedule_duties (
    duty_id        text COLLATE "C" PRIMARY KEY,
    enabled_since  timestamptz NOT NULL,
    schedule_hash  text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The fingerprint of the inputs of the last applied plan (plugins, directory, calendar, horizon): a
-- tick whose inputs are unchanged writes nothing.
CREATE TABLE schedule_state (
    id           integer     PRIMARY KEY CHECK (id = 1),
    fingerprint  text        NOT NULL,
    horizon_end  date        NOT NULL,
    applied_at   timestamptz NOT NULL
);

-- An event of the monitoring procedure that starts clocks (10 days to a help plan, 30 to measures).
CREATE TABLE event_clocks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event         text        NOT NULL CHECK (event IN ('alert_raised', 'alert_verified', 'household_included',
                                                        'help_plan_made', 'measures_in_place', 'risk_eliminated')),
    unit_code     text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    -- The monitoring case number: contains no personal data.
    case_number   text        NOT NULL CHECK (btrim(case_number) <> '' AND length(case_number) <= 64),
    -- Which plugin's rule raised an alert (alerts_from: own); NULL for cadre reports and self-declarations.
    source_plugin text,
    event_at      timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT event_clocks_once UNIQUE (event, case_number, event_at)
);

-- Occurrences. status 'overdue' is not stored: an open occurrence is overdue once due_at has passed
-- (evaluated against the caller's clock, so simulations and tests can move time).
CREATE TABLE occurrences (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key                text COLLATE "C" NOT NULL UNIQUE,
    duty_id            text COLLATE "C" NOT NULL,
    unit_code          text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    official_id        text        REFERENCES officials (id) ON UPDATE CASCADE,
    event_clock_id     bigint      REFERENCES event_clocks (id),
    period_key         text        NOT NULL,
    period_label       text        NOT NULL,
    nominal_due_date   date        NOT NULL,
    due_date           date        NOT NULL,
    due_at             timestamptz NOT NULL,
    opens_at           timestamptz NOT NULL CHECK (opens_at <= due_at),
    -- open → done | waived (by people); open → withdrawn (replanned away: duty disabled, unit removed);
    -- open → not_applicable (the household's case closed first).
    status             text        NOT NULL DEFAULT 'open'
                                   CHECK (status IN ('open', 'done', 'waived', 'withdrawn', 'not_applicable')),
    unassigned         boolean     NOT NULL DEFAULT false,
    -- The quantity target (数量目标) copied from the duty when planned; achieved is reported on confirmation.
    target             numeric,
    target_compare     text        CHECK (target_compare IN ('at_least', 'at_most')),
    achieved           numeric,
    target_met         boolean,
    completed_at       timestamptz,
    completed_by       text,
    completion_channel text        CHECK (completion_channel IN ('cli', 'http', 'link')),
    note               text        CHECK (length(note) <= 2000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT occurrences_completion_consistent CHECK (
        (status IN ('done', 'waived')) = (completed_at IS NOT NULL)
    )
);

CREATE INDEX occurrences_open_due_idx ON occurrences (due_at) WHERE status = 'open';
CREATE INDEX occurrences_unit_idx ON occurrences (unit_code);
CREATE INDEX occurrences_duty_idx ON occurrences (duty_id, period_key);

-- The outbox (DESIGN.md principle 3): every message that will leave the machine, written in the same
-- transaction as the change that caused it. The scheduler writes 'pending' rows ahead of time; the
-- dispatcher claims due ones with FOR UPDATE SKIP LOCKED. key is the idempotency key: the email's
-- Message-ID and the webhook's webhook-id derive from it.
CREATE TABLE outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key            text COLLATE "C" NOT NULL UNIQUE,
    occurrence_id  bigint      REFERENCES occurrences (id),
    kind           text        NOT NULL CHECK (kind IN ('reminder', 'escalation', 'notice')),
    step           text,
    recipient_id   text        REFERENCES officials (id) ON UPDATE CASCADE,
    role_id        text,
    channel        text        NOT NULL,
    send_at        timestamptz NOT NULL,
    -- pending → sending → sent | failed → … | dead; pending → cancelled (occurrence done, waived,
    -- withdrawn) | superseded (a later reminder for the same occurrence, recipient and channel was
    -- also due when the daemon came back: only that one goes out).
    status         text        NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'superseded')),
    -- true when the row went out late, after downtime, standing in for missed ones (补发提醒).
    catch_up       boolean     NOT NULL DEFAULT false,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text,
    payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz
);

CREATE INDEX outbox_pending_idx ON outbox (send_at) WHERE status = 'pending';
CREATE INDEX outbox_occurrence_idx ON outbox (occurrence_id);
CREATE INDEX outbox_recipient_idx ON outbox (recipient_id, send_at);

-- Every change to an occurrence by a person or the scheduler: who, when, what, through which channel.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('cli', 'http', 'link', 'scheduler')),
    action         text        NOT NULL,
    occurrence_id  bigint      REFERENCES occurrences (id),
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_occurrence_idx ON audit_log (occurrence_id, at);

-- Signed one-click links are single use: the nonce of a used link is kept until the link expires.
CREATE TABLE used_action_links (
    nonce          text        PRIMARY KEY,
    occurrence_id  bigint      NOT NULL REFERENCES occurrences (id),
    used_at        timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL
);

-- One row per planning tick: which replica planned, on what clock, with what result.
CREATE TABLE schedule_ticks (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id            uuid,
    clock_at               timestamptz NOT NULL,
    started_at             timestamptz NOT NULL DEFAULT now(),
    duration_ms            integer     NOT NULL,
    occurrences_added      integer     NOT NULL,
    occurrences_withdrawn  integer     NOT NULL,
    notifications_added    integer     NOT NULL,
    notifications_cancelled integer    NOT NULL
);

CREATE INDEX schedule_ticks_started_idx ON schedule_ticks (started_at DESC);

-- Keys the daemon makes for itself when the operator configures none (the HMAC key of signed links),
-- kept here so that every replica signs and verifies with the same key. Never logged or exported.
CREATE TABLE generated_secrets (
    name        text        PRIMARY KEY,
    value       bytea       NOT NULL CHECK (length(value) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);
