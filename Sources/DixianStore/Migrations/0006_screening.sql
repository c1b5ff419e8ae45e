-- 0006 screening (issue 12): every import of the population register and of sector datasets, the catalogue of
-- the tables that hold them, screening runs and the alerts they raise.
--
-- The sector data tables (ds_<plugin>__<dataset>) are created and migrated from the plugins' declarations
-- (DatasetStore.ensureTables): adding a column is applied, an incompatible change is refused naming the
-- plugin's file:line:column, and nothing is ever dropped. The register's two tables are created here, since
-- messages read them, exactly as PopulationRegister declares them (a test compares the two).

-- 导入批次: one file imported, whole or not at all. The rows of a data table point at their batch.
CREATE TABLE data_imports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 'register.households', 'register.persons' or '<plugin>.<dataset>'.
    target        text        NOT NULL,
    -- YYYY-MM for a dataset (a new batch for the same period replaces the old); NULL for the register.
    period        text        CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    -- As given, with ID numbers masked.
    file_name     text        NOT NULL,
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    row_count     integer     NOT NULL CHECK (row_count >= 0),
    skipped_rows  integer     NOT NULL DEFAULT 0 CHECK (skipped_rows >= 0),
    actor         text        NOT NULL,
    channel       text        NOT NULL CHECK (channel IN ('cli', 'http', 'demo')),
    imported_at   timestamptz NOT NULL,
    -- Set on the older batch when a newer one for the same period replaced its rows.
    replaced_by   bigint      REFERENCES data_imports (id)
);
CREATE INDEX data_imports_target ON data_imports (target, period, id);

-- 人口台账: households and persons, upserted by key from the national monitoring system's export.
CREATE TABLE reg_households (
    import_id                  bigint  NOT NULL REFERENCES data_imports (id),
    household_id               text    PRIMARY KEY,
    village_code               text,
    household_type             text,
    monitoring_group           text,
    head_resident_id           text,
    head_name                  text,
    members                    bigint,
    income_per_capita          numeric,
    income_year                bigint,
    previous_income_per_capita numeric,
    is_dibao                   boolean,
    is_tekun                   boolean,
    no_labour                  boolean
);
CREATE TABLE reg_persons (
    import_id        bigint  NOT NULL REFERENCES data_imports (id),
    resident_id      text    PRIMARY KEY,
    household_id     text,
    name             text,
    relation         text,
    birth_date       date,
    is_disabled      boolean,
    disability       text,
    labour_capacity  text
);
CREATE INDEX reg_persons_household ON reg_persons (household_id);

-- Which table holds which dataset, with the columns it was created or last migrated with.
CREATE TABLE dataset_tables (
    target      text        PRIMARY KEY,
    table_name  text        NOT NULL UNIQUE CHECK (table_name ~ '^(reg|ds)_[a-z0-9_]+$'),
    columns     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);

ALTER TABLE audit_log DROP CONSTRAINT audit_log_channel_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'scheduler', 'demo', 'screener'));

-- 筛查运行: one rule run over its dataset, what it found and how long it took.
CREATE TABLE screening_runs (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plugin              text        NOT NULL,
    rule_id             text        NOT NULL,
    -- sha256 of the rule's condition, its dataset's columns and the parameter values it read.
    rule_hash           text        NOT NULL CHECK (rule_hash ~ '^[0-9a-f]{64}$'),
    compiled_sql        text        NOT NULL,
    trigger             text        NOT NULL CHECK (trigger IN ('import', 'cadence', 'manual')),
    as_of               date        NOT NULL,
    dry_run             boolean     NOT NULL,
    started_at          timestamptz NOT NULL,
    duration_ms         integer     NOT NULL CHECK (duration_ms >= 0),
    rows_screened       integer     NOT NULL,
    matched             integer     NOT NULL,
    new_alerts          integer     NOT NULL,
    still_open          integer     NOT NULL,
    no_longer_matching  integer     NOT NULL,
    data_missing        integer     NOT NULL
);
CREATE INDEX screening_runs_rule ON screening_runs (plugin, rule_id, id DESC);

-- 预警: a row a rule held on, for the village to verify (核实). One open alert per (rule, subject): a rerun
-- never duplicates; an alert that no longer matches stays open, marked, until verified.
CREATE TABLE alerts (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plugin                 text        NOT NULL,
    rule_id                text        NOT NULL,
    -- The dataset row's key values, joined by U+001F: may hold a resident ID, so shown masked only.
    subject_key            text        NOT NULL,
    resident_id            text,
    household_id           text,
    unit_code              text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    severity               text        NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
    status                 text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'verified', 'dismissed')),
    still_matching         boolean     NOT NULL DEFAULT true,
    raised_at              timestamptz NOT NULL,
    last_matched_at        timestamptz NOT NULL,
    no_longer_matching_at  timestamptz,
    raised_by_run          bigint      NOT NULL REFERENCES screening_runs (id),
    event_clock_id         bigint      REFERENCES event_clocks (id)
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (plugin, rule_id, subject_key) WHERE status = 'open';
CREATE INDEX alerts_unit ON alerts (unit_code, status);
