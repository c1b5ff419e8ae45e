import DixianDirectory
import Logging
import PostgresNIO

extension DirectoryStore {
    /// Writes a plan's rows with one statement per table: arrays bound as parameters and
    /// `unnest`ed, `ON CONFLICT … DO UPDATE … WHERE … IS DISTINCT FROM …` so that equal rows are
    /// not touched. `RETURNING (xmax = 0)` tells inserted rows from updated ones.
    static func apply(_ plan: ImportPlan, _ connection: PostgresConnection, logger: Logger) async throws -> DirectoryChangeCounts {
        switch plan.kind {
        case .units:
            let counts = try await Self.upsertUnits(
                plan.units, setsUrbanRural: plan.hasUrbanRuralColumn, setsPovertyExited: plan.hasPovertyExitedColumn,
                connection, logger: logger)
            try await Self.linkOrphans(connection, logger: logger)
            return counts
        case .officials:
            try await Self.upsertBureaus(plan.bureaus, connection, logger: logger)
            return try await Self.upsertOfficials(plan.officials, connection, logger: logger)
        }
    }

    /// A file without the 城乡分类代码 or 脱贫村 column leaves those values of stored units as they are
    /// (`sets…` false): an older file re-imported to rename a village must not reclassify it.
    private static func upsertUnits(
        _ units: [OrgUnit], setsUrbanRural: Bool, setsPovertyExited: Bool, _ connection: PostgresConnection, logger: Logger
    ) async throws -> DirectoryChangeCounts {
        let codes = units.map(\.code.rawValue)
        let levels = units.map(\.level.rawValue)
        let parents = units.map { $0.parentCode?.rawValue ?? "" }
        let names = units.map(\.name)
        let urbanRural = units.map { $0.urbanRural?.rawValue ?? "" }
        let povertyExited = units.map(\.isPovertyExited)
        let rows = try await connection.query(
            """
            INSERT INTO org_units AS o (code, level, parent_code, name, urban_rural_code, poverty_exited)
            SELECT u.code, u.level, NULLIF(u.parent, ''), u.name, NULLIF(u.urban_rural, ''), u.poverty_exited
            FROM unnest(
                \(codes)::text[], \(levels)::text[], \(parents)::text[], \(names)::text[], \(urbanRural)::text[],
                \(povertyExited)::bool[]
            ) AS u(code, level, parent, name, urban_rural, poverty_exited)
            ON CONFLICT (code) DO UPDATE
               SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, name = EXCLUDED.name,
                   urban_rural_code = CASE WHEN \(setsUrbanRural) THEN EXCLUDED.urban_rural_code ELSE o.urban_rural_code END,
                   poverty_exited = CASE WHEN \(setsPovertyExited) THEN EXCLUDED.poverty_exited ELSE o.poverty_exited END,
                   updated_at = now()
             WHERE (o.level, o.parent_code, o.name, o.urban_rural_code, o.poverty_exited)
                   IS DISTINCT FROM
                   (EXCLUDED.level, EXCLUDED.parent_code, EXCLUDED.name,
                    CASE WHEN \(setsUrbanRural) THEN EXCLUDED.urban_rural_code ELSE o.urban_rural_code END,
                    CASE WHEN \(setsPovertyExited) THEN EXCLUDED.poverty_exited ELSE o.poverty_exited END)
            RETURNING (xmax = 0)
            """,
            logger: logger
        )
        return try await Self.count(rows, total: units.count)
    }

    /// Gives a parent to stored top units whose parent unit now exists (a county imported before
    /// its city). The parent is derived from the code, as DivisionCode.parent does.
    private static func linkOrphans(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE org_units AS child
               SET parent_code = parent.code, updated_at = now()
              FROM org_units AS parent
             WHERE child.parent_code IS NULL
               AND parent.code = CASE child.level
                   WHEN 'village' THEN substr(child.code, 1, 9) || '000'
                   WHEN 'town'    THEN substr(child.code, 1, 6) || '000000'
                   WHEN 'county'  THEN substr(child.code, 1, 4) || '00000000'
                   WHEN 'city'    THEN substr(child.code, 1, 2) || '0000000000'
               END
            """,
            logger: logger
        )
    }

    private static func upsertBureaus(_ bureaus: [Bureau], _ connection: PostgresConnection, logger: Logger) async throws {
        let ids = bureaus.map(\.id)
        let names = bureaus.map(\.name)
        let sectors = bureaus.map { $0.sector ?? "" }
        let units = bureaus.map(\.orgUnitCode.rawValue)
        // A file that does not state a bureau's sector keeps the stored one.
        try await connection.query(
            """
            INSERT INTO bureaus (id, name, sector, org_unit_code)
            SELECT b.id, b.name, NULLIF(b.sector, ''), b.unit
            FROM unnest(\(ids)::text[], \(names)::text[], \(sectors)::text[], \(units)::text[]) AS b(id, name, sector, unit)
            ON CONFLICT (id) DO UPDATE
               SET sector = EXCLUDED.sector, updated_at = now()
             WHERE EXCLUDED.sector IS NOT NULL AND bureaus.sector IS DISTINCT FROM EXCLUDED.sector
            """,
            logger: logger
        )
    }

    private static func upsertOfficials(
        _ officials: [Official], _ connection: PostgresConnection, logger: Logger
    ) async throws -> DirectoryChangeCounts {
        let ids = officials.map(\.id)
        let names = officials.map(\.name)
        // Role ids never contain a comma (`^[a-z][a-z0-9_]*$`), so a joined string is an exact
        // encoding; binding text[][] would need equal inner lengths.
        let roles = officials.map { $0.roles.joined(separator: ",") }
        let sectors = officials.map { $0.sector ?? "" }
        let units = officials.map(\.orgUnitCode.rawValue)
        let bureaus = officials.map { $0.bureauID ?? "" }
        let emails = officials.map { $0.email ?? "" }
        let mobiles = officials.map { $0.mobile ?? "" }
        let chats = officials.map(\.chatIDs.json)
        let active = officials.map(\.active)
        let rows = try await connection.query(
            """
            INSERT INTO officials (id, name, roles, sector, org_unit_code, bureau_id, email, mobile, chat_ids, active)
            SELECT o.id, o.name, string_to_array(o.roles, ','), NULLIF(o.sector, ''), o.unit, NULLIF(o.bureau, ''),
                   NULLIF(o.email, ''), NULLIF(o.mobile, ''), o.chat::jsonb, o.active
            FROM unnest(
                \(ids)::text[], \(names)::text[], \(roles)::text[], \(sectors)::text[], \(units)::text[],
                \(bureaus)::text[], \(emails)::text[], \(mobiles)::text[], \(chats)::text[], \(active)::bool[]
            ) AS o(id, name, roles, sector, unit, bureau, email, mobile, chat, active)
            ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name, roles = EXCLUDED.roles, sector = EXCLUDED.sector,
                   org_unit_code = EXCLUDED.org_unit_code, bureau_id = EXCLUDED.bureau_id, email = EXCLUDED.email,
                   mobile = EXCLUDED.mobile, chat_ids = EXCLUDED.chat_ids, active = EXCLUDED.active, updated_at = now()
             WHERE (officials.name, officials.roles, officials.sector, officials.org_unit_code, officials.bureau_id,
                    officials.email, officials.mobile, officials.chat_ids, officials.active)
                   IS DISTINCT FROM
                   (EXCLUDED.name, EXCLUDED.roles, EXCLUDED.sector, EXCLUDED.org_unit_code, EXCLUDED.bureau_id,
                    EXCLUDED.email, EXCLUDED.mobile, EXCLUDED.chat_ids, EXCLUDED.active)
            RETURNING (xmax = 0)
            """,
            logger: logger
        )
        return try await Self.count(rows, total: officials.count)
    }

    /// Counts `RETURNING (xmax = 0)` rows: true is an insert, false an update; rows the WHERE
    /// clause left alone return nothing and are unchanged.
    private static func count(_ rows: PostgresRowSequence, total: Int) async throws -> DirectoryChangeCounts {
        var counts = DirectoryChangeCounts()
        for try await inserted in rows.decode(Bool.self) {
            if inserted { counts.inserted += 1 } else { counts.updated += 1 }
        }
        counts.unchanged = total - counts.inserted - counts.updated
        return counts
    }
}
