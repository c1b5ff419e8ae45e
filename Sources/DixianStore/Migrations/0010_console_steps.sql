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
