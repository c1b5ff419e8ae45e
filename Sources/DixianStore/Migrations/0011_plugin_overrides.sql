-- 0011 plugin overrides (issue 20): a bureau's override of its plugin, the same YAML document an override file
-- holds, kept with every version, who wrote it, against which plugin.yaml, and who approved or rejected it. Every
-- replica reads the approved version; an override file for the same plugin still takes precedence.
CREATE TABLE plugin_overrides (
    plugin_id         text        NOT NULL,
    version           integer     NOT NULL CHECK (version > 0),
    body              text        NOT NULL,
    -- sha256 of the plugin.yaml it was written and checked against
    plugin_hash       text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'superseded')),
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL,
    created_channel   text        NOT NULL CHECK (created_channel IN ('cli', 'http', 'console')),
    decided_by        text,
    decided_at        timestamptz,
    decision_comment  text,
    PRIMARY KEY (plugin_id, version),
    CHECK ((state = 'pending') = (decided_at IS NULL))
);

-- At most one live version per plugin.
CREATE UNIQUE INDEX plugin_overrides_approved_idx ON plugin_overrides (plugin_id) WHERE state = 'approved';
