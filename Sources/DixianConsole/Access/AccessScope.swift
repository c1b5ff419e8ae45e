import DixianDirectory

/// What one signed-in person may see in the console (可见范围): the union of what each of their directory rows
/// grants. Every console query takes its SQL condition from here (``AccessScope/unitPrefixes`` and the rest are
/// bound as arrays), so scoping happens in the database, never by filtering rows after loading them.
///
/// - County-level rows without a sector (the county office, county leaders) and town- and village-level rows
///   see their unit's subtree in every sector.
/// - Bureau rows (a `sector`, or roles a sector plugin declares) see their sector in their county.
/// - A row whose only role is `helper` (帮扶责任人) sees the households it helps.
public struct AccessScope: Sendable, Hashable {
    /// One sector seen under one unit's subtree.
    public struct SectorGrant: Sendable, Hashable, Comparable {
        public var sector: String
        public var unitPrefix: String

        public init(sector: String, unitPrefix: String) {
            self.sector = sector
            self.unitPrefix = unitPrefix
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.sector, lhs.unitPrefix) < (rhs.sector, rhs.unitPrefix)
        }
    }

    /// The person's directory rows (one per unit they hold roles at), sorted.
    public var officialIDs: [String]
    /// Division-code prefixes whose subtrees are seen in every sector, sorted, none inside another.
    public var unitPrefixes: [String]
    /// Sectors seen under a subtree, sorted.
    public var sectorGrants: [SectorGrant]
    /// Rows that see the monitored households they are the current helper of.
    public var helperIDs: [String]
    /// Whether the person works in the county office (县乡村振兴局): manages everything in scope and sees the
    /// outbox.
    public var isCountyOffice: Bool

    public init(
        officialIDs: [String], unitPrefixes: [String], sectorGrants: [SectorGrant], helperIDs: [String], isCountyOffice: Bool
    ) {
        self.officialIDs = officialIDs.sorted()
        self.unitPrefixes = Self.outermost(unitPrefixes)
        self.sectorGrants = Array(Set(sectorGrants)).sorted()
        self.helperIDs = helperIDs.sorted()
        self.isCountyOffice = isCountyOffice
    }

    /// Nothing at all: the scope of a session whose directory rows were all removed or made inactive.
    public var isEmpty: Bool { unitPrefixes.isEmpty && sectorGrants.isEmpty && helperIDs.isEmpty }

    /// Whether a unit is seen in every sector.
    public func seesAllSectors(of unit: DivisionCode) -> Bool {
        unitPrefixes.contains { unit.rawValue.hasPrefix($0) }
    }

    /// Whether anything at a unit is seen: every sector, or at least one under a sector grant.
    public func seesAnything(at unit: DivisionCode) -> Bool {
        seesAllSectors(of: unit) || sectorGrants.contains { unit.rawValue.hasPrefix($0.unitPrefix) }
    }

    /// Whether a sector's items at a unit are seen.
    public func sees(sector: String, at unit: DivisionCode) -> Bool {
        seesAllSectors(of: unit) || sectorGrants.contains { $0.sector == sector && unit.rawValue.hasPrefix($0.unitPrefix) }
    }

    /// `LIKE` patterns of ``unitPrefixes`` (`149721%`), for `unit_code LIKE ANY($n)`: the prefixes are digits only.
    public var unitPatterns: [String] { unitPrefixes.map { $0 + "%" } }

    /// The sectors of ``sectorGrants`` and their `LIKE` patterns, two arrays of the same length to `unnest`.
    public var sectorColumns: (sectors: [String], patterns: [String]) {
        (sectorGrants.map(\.sector), sectorGrants.map { $0.unitPrefix + "%" })
    }

    /// Drops every prefix inside a shorter one: a county office row beside a village row sees the county.
    private static func outermost(_ prefixes: [String]) -> [String] {
        let sorted = Array(Set(prefixes)).sorted { ($0.count, $0) < ($1.count, $1) }
        var kept: [String] = []
        for prefix in sorted where !kept.contains(where: { prefix.hasPrefix($0) }) { kept.append(prefix) }
        return kept.sorted()
    }
}
