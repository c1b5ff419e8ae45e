-- 0012 (issue 20): the stored override versions each replica runs, written at start-up and after every reload, so
-- that the console shows every replica's, and an approval a replica could not load is visible beside the others.
ALTER TABLE daemon_instances ADD COLUMN plugin_overrides jsonb NOT NULL DEFAULT '{}'::jsonb;

-- A replica's reload that changes the stored versions it runs is audited under its own channel.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_channel_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_channel_check
    CHECK (channel IN ('cli', 'http', 'link', 'scheduler', 'demo', 'public', 'screener', 'console', 'reload'));
