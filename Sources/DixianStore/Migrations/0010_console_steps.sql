-- 0010 console steps (issue 15): the monitoring procedure's steps and the ledger's progress lines can be entered
-- in the web console, and record it as their channel like every other way in.

ALTER TABLE monitoring_signals DROP CONSTRAINT monitoring_signals_channel_check;
ALTER TABLE monitoring_signals ADD CONSTRAINT monitoring_signals_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'public', 'screener', 'console'));
ALTER TABLE case_events DROP CONSTRAINT case_events_channel_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'public', 'screener', 'console'));
ALTER TABLE ledger_progress DROP CONSTRAINT ledger_progress_channel_check;
ALTER TABLE ledger_progress ADD CONSTRAINT ledger_progress_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'import', 'console'));

-- A signal's verification deadline is the first occurrence of its event clock (SignalDeadline): without this index
-- every signal of the overview scanned the whole occurrences table (4.6 s for the demo county's 4,000 signals).
CREATE INDEX occurrences_event_clock_idx ON occurrences (event_clock_id) WHERE event_clock_id IS NOT NULL;
