-- 0008 ledger (issue 14): the rectification ledger (问题排查整改台账) of seed 003's 附件1 as data. Problems of a
-- campaign (专项整改, declared in a plugin), their append-only progress (整改进展), and their evidence files
-- (一问题一档案) kept in the database so every replica serves them.

-- 整改问题: one row of 附件1. The campaign is a plugin's campaign id; the unit is the org unit the problem
-- concerns (whose ledger lists it). position keeps the sheet's order, so an export read back and exported again
-- is the same file.
CREATE TABLE ledger_problems (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem_number    text        NOT NULL UNIQUE CHECK (problem_number ~ '^WT[0-9]{8,}$'),
    campaign          text        NOT NULL CHECK (campaign ~ '^[a-z][a-z0-9_]{0,63}$'),
    working_group     text        NOT NULL CHECK (btrim(working_group) <> '' AND length(working_group) <= 100),
    unit_code         text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    lead_unit         text        NOT NULL CHECK (btrim(lead_unit) <> '' AND length(lead_unit) <= 100),
    cooperating_units text[]      NOT NULL DEFAULT '{}',
    filled_by         text        NOT NULL DEFAULT '' CHECK (length(filled_by) <= 50),
    problem           text        NOT NULL CHECK (btrim(problem) <> '' AND length(problem) <= 2000),
    measure           text        NOT NULL CHECK (btrim(measure) <> '' AND length(measure) <= 2000),
    deadline          date        NOT NULL,
    result            text        NOT NULL CHECK (result IN ('in_progress', 'done', 'done_and_sustained')),
    responsible       text        NOT NULL CHECK (btrim(responsible) <> '' AND length(responsible) <= 50),
    note              text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    position          integer     NOT NULL,
    -- The deadline's event clock; a new deadline stops it and starts another.
    deadline_clock_id bigint      REFERENCES event_clocks (id),
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    updated_at        timestamptz NOT NULL,
    -- A problem is found again by its words within its campaign and group: that is how a sheet filled in
    -- Excel comes back (the sheet has no id column).
    UNIQUE (campaign, working_group, problem)
);
CREATE INDEX ledger_problems_unit ON ledger_problems (unit_code, campaign);
CREATE INDEX ledger_problems_deadline ON ledger_problems (deadline) WHERE result = 'in_progress';
CREATE SEQUENCE ledger_problem_numbers;

-- 整改进展: dated entries, never changed or removed (the ledger cell shows them joined).
CREATE TABLE ledger_progress (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem_id      bigint      NOT NULL REFERENCES ledger_problems (id),
    progress_on     date        NOT NULL,
    text            text        NOT NULL CHECK (btrim(text) <> '' AND length(text) <= 2000 AND position(E'\n' IN text) = 0),
    entered_at      timestamptz NOT NULL,
    entered_by      text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('cli', 'http', 'link', 'import')),
    UNIQUE (problem_id, progress_on, text)
);

CREATE FUNCTION ledger_progress_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_progress is append-only (整改进展只增不改)';
END;
$$;
CREATE TRIGGER ledger_progress_append_only BEFORE UPDATE OR DELETE ON ledger_progress
    FOR EACH ROW EXECUTE FUNCTION ledger_progress_append_only();

-- 一问题一档案: evidence files. 10 MiB each: a scanned page or a photo, not a video.
CREATE TABLE ledger_evidence (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem_id      bigint      NOT NULL REFERENCES ledger_problems (id),
    file_name       text        NOT NULL CHECK (btrim(file_name) <> '' AND length(file_name) <= 200
                                                AND position('/' IN file_name) = 0),
    content_type    text        NOT NULL CHECK (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
    size_bytes      integer     NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content         bytea       NOT NULL,
    added_at        timestamptz NOT NULL,
    added_by        text        NOT NULL,
    CHECK (octet_length(content) = size_bytes),
    UNIQUE (problem_id, sha256)
);


-- A problem's deadline is an event clock (rectification_deadline, case_number = the problem number): the
-- governance duty ledger_rectification_deadline reminds weekly before it and escalates after it.
ALTER TABLE event_clocks DROP CONSTRAINT event_clocks_event_check;
ALTER TABLE event_clocks ADD CONSTRAINT event_clocks_event_check
    CHECK (event IN ('alert_raised', 'alert_verified', 'household_included', 'help_plan_made', 'measures_in_place',
                     'risk_eliminated', 'rectification_deadline'));

-- The weekly bulletins issued (每周通报): one row per ISO week, written in the same transaction as the bulletin's
-- outbox rows, so a week's bulletin goes out once however often the planner leader changes.
CREATE TABLE bulletin_issues (
    week       text        PRIMARY KEY CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
    issued_at  timestamptz NOT NULL,
    messages   integer     NOT NULL CHECK (messages >= 0)
);
