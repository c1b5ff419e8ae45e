-- 0005 unit classification: the urban-rural classification code (城乡分类代码) of the statistical division
-- code table and the 脱贫村 flag, so rural-only and 脱贫村-only duties (plugins/README.md §6, `units`)
-- reach only the villages they are meant for.

-- urban_rural_code: 1xx urban (城镇), 2xx rural (乡村); NULL when the directory has none, which the
--   planner reads as rural, so a directory imported before this migration keeps every duty.
-- poverty_exited: a former 贫困村 that has exited poverty (脱贫村).
-- Both mean something at village level only; the importer stores what a file gives on any row.
ALTER TABLE org_units
    ADD COLUMN urban_rural_code text CHECK (urban_rural_code IN ('111', '112', '121', '122', '123', '210', '220')),
    ADD COLUMN poverty_exited   boolean NOT NULL DEFAULT false;

