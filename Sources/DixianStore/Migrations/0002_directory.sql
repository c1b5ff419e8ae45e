-- 0002 directory: the org directory (组织架构/联系人) — who is reminded of what, where.
-- Runs inside the migrator's transaction; the rules the importer enforces in Swift
-- (DixianDirectory) are repeated here as constraints so no other writer can break them.

-- Org units (行政区划/单位), keyed by the 12-digit statistical division code PP CC DD TTT VVV.
-- The "C" collation makes the primary-key index serve prefix searches (code LIKE '140521%'),
-- which is how an org subtree is selected.
CREATE TABLE org_units (
    code        text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{12}$' AND code !~ '^00'),
    level       text        NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
    -- NULL only for the top unit of a stored tree (e.g. a county imported without its city).
    parent_code text COLLATE "C" REFERENCES org_units (code) ON UPDATE CASCADE,
    name        text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- The level follows from which digit groups are zero; a zero group is never followed by a
    -- non-zero one.
    CONSTRAINT org_units_level_matches_code CHECK (
        CASE level
            WHEN 'province' THEN code ~ '^[0-9]{2}0{10}$'
            WHEN 'city'     THEN code ~ '^[0-9]{4}0{8}$'     AND substr(code, 3, 2) <> '00'
            WHEN 'county'   THEN code ~ '^[0-9]{6}0{6}$'     AND substr(code, 3, 2) <> '00' AND substr(code, 5, 2) <> '00'
            WHEN 'town'     THEN code ~ '^[0-9]{9}000$'      AND substr(code, 3, 2) <> '00' AND substr(code, 5, 2) <> '00'
                                                             AND substr(code, 7, 3) <> '000'
            WHEN 'village'  THEN substr(code, 3, 2) <> '00'  AND substr(code, 5, 2) <> '00'
                                                             AND substr(code, 7, 3) <> '000' AND substr(code, 10, 3) <> '000'
        END
    ),
    -- The parent, when stored, is the one the code implies (DivisionCode.parent).
    CONSTRAINT org_units_parent_matches_code CHECK (
        parent_code IS NULL OR parent_code = CASE level
            WHEN 'village' THEN substr(code, 1, 9) || '000'
            WHEN 'town'    THEN substr(code, 1, 6) || '000000'
            WHEN 'county'  THEN substr(code, 1, 4) || '00000000'
            WHEN 'city'    THEN substr(code, 1, 2) || '0000000000'
            ELSE ''
        END
    )
);

CREATE INDEX org_units_parent_idx ON org_units (parent_code);
CREATE INDEX org_units_level_idx ON org_units (level);

-- Sector bureaus (行业部门), e.g. 县教育和体育局. A bureau belongs to the unit whose officials it
-- holds (normally the county); its id is "<unit code>/<name>", so the same name in two counties
-- never collides. sector is a plugin id (education, health, ...) or NULL.
CREATE TABLE bureaus (
    id            text        PRIMARY KEY,
    name          text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    sector        text        CHECK (sector ~ '^[a-z][a-z0-9_]{1,31}$'),
    org_unit_code text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bureaus_id_is_unit_and_name CHECK (id = org_unit_code || '/' || name),
    CONSTRAINT bureaus_unit_name_key UNIQUE (org_unit_code, name)
);

-- Officials (干部/联系人). id is the county's own stable staff id (工号); it never changes when
-- a person moves to another post, so history (who confirmed what) stays attached.
CREATE TABLE officials (
    id            text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name          text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 50),
    -- Role ids declared by the plugins (plugins/README.md §4), sorted and without duplicates.
    roles         text[]      NOT NULL CHECK (cardinality(roles) >= 1 AND array_position(roles, NULL) IS NULL),
    -- The sector (plugin id) for per-sector roles such as bureau_contact or town_working_group.
    sector        text        CHECK (sector ~ '^[a-z][a-z0-9_]{1,31}$'),
    org_unit_code text COLLATE "C" NOT NULL REFERENCES org_units (code) ON UPDATE CASCADE,
    bureau_id     text        REFERENCES bureaus (id) ON UPDATE CASCADE,
    email         text        CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    mobile        text        CHECK (mobile ~ '^1[0-9]{10}$'),
    -- Chat-platform user ids: {"wecom": "...", "dingtalk": "...", "feishu": "..."}.
    chat_ids      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(chat_ids) = 'object'),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX officials_org_unit_idx ON officials (org_unit_code);
-- Role resolution asks "who holds role R at unit U": roles @> ARRAY['village_secretary'].
CREATE INDEX officials_roles_idx ON officials USING gin (roles);
CREATE INDEX officials_bureau_idx ON officials (bureau_id) WHERE bureau_id IS NOT NULL;
