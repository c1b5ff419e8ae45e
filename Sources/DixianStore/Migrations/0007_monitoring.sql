-- 0007 monitoring (issue 13): the monitoring procedure (防止返贫动态监测和帮扶). Signals from the three channels,
-- cases with their append-only step log (the case's state is the replay of its steps, DixianMonitoring's
-- MonitoringCase), the one current helper per case (enforced here), help measures, and the channels the
-- audit log accepts for these steps.

-- 监测帮扶案件: a household's way from a confirmed risk to risk elimination. The columns after household_id are
-- a projection of the step log for lists and filters, rewritten in the same transaction as each step.
CREATE TABLE monitoring_cases (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- JC + 8 digits: no personal data (it travels in clocks, messages and logs).
    case_number     text        NOT NULL UNIQUE CHECK (case_number ~ '^JC[0-9]{8,}$'),
    household_id    text        NOT NULL,
    unit_code       text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    stage           text        NOT NULL CHECK (stage IN ('inclusion_proposed', 'monitored', 'elimination_proposed',
                                                          'eliminated')),
    category        text        NOT NULL CHECK (category IN ('unstable_out_of_poverty', 'marginal_vulnerable',
                                                             'sudden_hardship')),
    risk_types      text[]      NOT NULL CHECK (cardinality(risk_types) > 0),
    safety_net      boolean     NOT NULL DEFAULT false,
    opened_on       date        NOT NULL,
    included_on     date,
    eliminated_on   date,
    -- The household_included event's clock (the 10- and 30-day occurrences hang from it).
    inclusion_clock_id bigint   REFERENCES event_clocks (id),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- One case at a time per household: a new signal for a household with a case is linked to it.
CREATE UNIQUE INDEX monitoring_cases_one_open ON monitoring_cases (household_id) WHERE stage <> 'eliminated';
CREATE INDEX monitoring_cases_unit ON monitoring_cases (unit_code, stage);

-- 风险信号: a sector alert (行业部门筛查预警), a cadre's visit (基层干部排查) or a household's own declaration
-- (农户自主申报), and the village's verification (核实) of it.
CREATE TABLE monitoring_signals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          text        NOT NULL CHECK (source IN ('sector', 'visit', 'self')),
    alert_id        bigint      UNIQUE REFERENCES alerts (id),
    household_id    text,
    unit_code       text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    -- A person not yet in the register (a self-declaration): the details they gave. The ID number is shown
    -- masked everywhere; it is kept whole only so that the village can find the household.
    person_name     text        CHECK (length(person_name) <= 50),
    person_phone    text        CHECK (length(person_phone) <= 20),
    person_resident_id text     CHECK (person_resident_id ~ '^[0-9]{17}[0-9X]$'),
    risk_types      text[]      NOT NULL CHECK (cardinality(risk_types) > 0),
    note            text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    -- Effective date (when the visit happened, the form was sent, the alert was raised) and entry.
    raised_on       date        NOT NULL,
    entered_at      timestamptz NOT NULL,
    entered_by      text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('cli', 'http', 'link', 'public', 'screener')),
    -- The receipt number a self-declaration's sender is shown (回执号).
    receipt         text        UNIQUE,
    -- The alert_raised clock: the village's verification duty and its escalation.
    event_clock_id  bigint      REFERENCES event_clocks (id),
    outcome         text        CHECK (outcome IN ('not_a_risk', 'risk_confirmed', 'already_monitored')),
    outcome_reason  text        CHECK (length(outcome_reason) <= 2000),
    verified_on     date,
    verified_at     timestamptz,
    verified_by     text,
    verified_channel text,
    case_id         bigint      REFERENCES monitoring_cases (id),
    CHECK (household_id IS NOT NULL OR person_name IS NOT NULL),
    CHECK ((outcome IS NULL) = (verified_on IS NULL)),
    CHECK (outcome IS DISTINCT FROM 'not_a_risk' OR btrim(outcome_reason) <> ''),
    CHECK (outcome NOT IN ('risk_confirmed', 'already_monitored') OR case_id IS NOT NULL)
);
CREATE INDEX monitoring_signals_household ON monitoring_signals (household_id, raised_on);
CREATE INDEX monitoring_signals_unit ON monitoring_signals (unit_code, raised_on);
CREATE INDEX monitoring_signals_clock ON monitoring_signals (event_clock_id);

-- 案件记录: the append-only step log. `step` is DixianMonitoring's CaseStep as JSON.
CREATE TABLE case_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES monitoring_cases (id),
    kind            text        NOT NULL,
    step            jsonb       NOT NULL,
    actor           text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('cli', 'http', 'link', 'public', 'screener')),
    effective_on    date        NOT NULL,
    entered_at      timestamptz NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only (案件记录只增不改)';
END;
$$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- 帮扶责任人: exactly one current helper per case. A change ends the old assignment in the same transaction;
-- the partial unique index refuses a second current helper whatever the application does.
CREATE TABLE helper_assignments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES monitoring_cases (id),
    official_id     text        NOT NULL REFERENCES officials (id) ON UPDATE CASCADE,
    begins_on       date        NOT NULL,
    ends_on         date,
    CHECK (ends_on IS NULL OR ends_on >= begins_on)
);
CREATE UNIQUE INDEX helper_assignments_one_current ON helper_assignments (case_id) WHERE ends_on IS NULL;

-- 帮扶措施. case_id NULL: a measure recorded for a household outside the procedure, which the defect
-- detectors report as 体外循环.
CREATE TABLE help_measures (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint      REFERENCES monitoring_cases (id),
    household_id    text        NOT NULL,
    unit_code       text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    type            text        NOT NULL CHECK (type IN ('industry', 'employment', 'health', 'education', 'housing',
                                                         'water', 'social_assistance', 'finance', 'consumption', 'other')),
    answers         text        NOT NULL,
    description     text        NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 2000),
    planned_on      date        NOT NULL,
    status          text        NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_place')),
    in_place_on     date,
    evidence        text        CHECK (length(evidence) <= 2000),
    recorded_on     date        NOT NULL,
    CHECK ((status = 'in_place') = (in_place_on IS NOT NULL))
);
CREATE INDEX help_measures_household ON help_measures (household_id);

-- Messages find a clock's household through its alert, signal or case.
CREATE INDEX alerts_event_clock ON alerts (event_clock_id);

-- Procedure steps are audited with the channels they come through.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_channel_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'scheduler', 'demo', 'public', 'screener'));
