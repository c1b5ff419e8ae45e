import DixianDirectory
import Logging
import PostgresNIO

extension DirectoryStore {
    /// Units in the subtree of `root` (itself included), or all units; ordered by code, so
    /// every unit follows its parent.
    public func units(under root: DivisionCode? = nil) async throws -> [OrgUnit] {
        let (low, high) = Self.range(root)
        return try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT code, name, parent_code, urban_rural_code, poverty_exited FROM org_units
                 WHERE code >= \(low) AND code < \(high)
                 ORDER BY code
                """,
                logger: self.logger
            )
            var units: [OrgUnit] = []
            for try await (code, name, parent, urbanRural, povertyExited) in rows.decode((String, String, String?, String?, Bool).self) {
                units.append(OrgUnit(
                    code: try DivisionCode(validating: code), name: name, parentCode: try parent.map(DivisionCode.init),
                    // The column's CHECK admits only known codes; nil would mean a schema drift, read as "no code".
                    urbanRural: urbanRural.flatMap(UrbanRuralCode.init(rawValue:)), isPovertyExited: povertyExited))
            }
            return units
        }
    }

    /// One unit, or nil.
    public func unit(_ code: DivisionCode) async throws -> OrgUnit? {
        try await self.units(under: code).first { $0.code == code }
    }

    /// Officials whose unit lies in the subtree of `root` and, when given, who hold `role`;
    /// ordered by unit code, then id.
    public func officials(under root: DivisionCode? = nil, role: String? = nil) async throws -> [Official] {
        let (low, high) = Self.range(root)
        return try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.officialColumns)
                  FROM officials o LEFT JOIN bureaus b ON b.id = o.bureau_id
                 WHERE o.org_unit_code >= \(low) AND o.org_unit_code < \(high)
                   AND (\(role)::text IS NULL OR o.roles @> ARRAY[\(role)::text])
                 ORDER BY o.org_unit_code, o.id
                """,
                logger: self.logger
            )
            return try await Self.decodeOfficials(rows)
        }
    }

    /// One official by id, or nil.
    public func official(id: String) async throws -> Official? {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.officialColumns)
                  FROM officials o LEFT JOIN bureaus b ON b.id = o.bureau_id
                 WHERE o.id = \(id)
                """,
                logger: self.logger
            )
            return try await Self.decodeOfficials(rows).first
        }
    }

    /// How many units and officials the directory holds.
    public func counts() async throws -> (units: Int, officials: Int) {
        try await self.run { connection in
            let rows = try await connection.query(
                "SELECT (SELECT count(*) FROM org_units)::int8, (SELECT count(*) FROM officials)::int8", logger: self.logger
            )
            for try await (units, officials) in rows.decode((Int, Int).self) { return (units, officials) }
            return (0, 0)
        }
    }

    /// A fixed column list (no input), shared by the official queries.
    static let officialColumns = """
        o.id, o.name, o.roles, o.org_unit_code, b.name, o.sector, o.email, o.mobile, o.chat_ids::text, o.active
        """

    static func decodeOfficials(_ rows: PostgresRowSequence) async throws -> [Official] {
        var officials: [Official] = []
        let columns = (String, String, [String], String, String?, String?, String?, String?, String, Bool).self
        for try await (id, name, roles, unit, bureau, sector, email, mobile, chats, active) in rows.decode(columns) {
            officials.append(Official(
                id: id, name: name, roles: roles, orgUnitCode: try DivisionCode(validating: unit), bureau: bureau, sector: sector,
                email: email, mobile: mobile, chatIDs: ChatIDs(json: chats), active: active
            ))
        }
        return officials
    }

    /// The half-open code range of a subtree: every code starting with the root's significant
    /// prefix lies in `[prefix, prefix + ":")`, because `:` sorts right after `9` in the "C"
    /// collation the code columns use; unlike `LIKE $1 || '%'`, a range uses the primary key
    /// index with a bound parameter.
    static func range(_ root: DivisionCode?) -> (String, String) {
        guard let root else { return ("", "~") }
        return (root.significantPrefix, root.significantPrefix + ":")
    }
}
