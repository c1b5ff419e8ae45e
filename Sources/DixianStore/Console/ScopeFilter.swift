import DixianConsole
import PostgresNIO

/// An ``AccessScope`` as a SQL condition with its binds, for queries whose text is assembled (placeholders
/// numbered by the caller). Every console query that lists or counts goes through one.
struct ScopeFilter {
    let scope: AccessScope

    /// The sector of an occurrence row `o`: the plugin its duty belongs to.
    static let dutySector = "split_part(o.duty_id, '.', 1)"

    /// The sectors of a case `c`: those of the sector alerts among its signals (none for a case from a visit or a
    /// declaration), as a right-hand side of `=`.
    static let caseSectors = "ANY(ARRAY(SELECT a.plugin FROM monitoring_signals s JOIN alerts a ON a.id = s.alert_id WHERE s.case_id = c.id))"

    /// The condition over a row's unit code, its sector and, where rows have one, its official: seen in every
    /// sector under a unit prefix, seen under a sector grant, or the person's own. `sector` is the right-hand side
    /// of `g.sector = …`: a column, or ``caseSectors``. Takes three placeholders from `first` (four with
    /// `official`).
    func condition(unit: String, sector: String, official: String? = nil, first: Int) -> String {
        let pieces = Self.pieces(unit: unit, sector: sector, official: official)
        return pieces.dropLast().enumerated().map { "\($1)$\(first + $0)" }.joined() + pieces.last!
    }

    /// The condition's text in pieces, a bind between each two, in ``append(to:official:)``'s order.
    static func pieces(unit: String, sector: String, official: String?) -> [String] {
        let grants = """
            ::text[])
             OR EXISTS (SELECT 1 FROM unnest(
            """
        let matched = "::text[]) AS g(sector, pattern)\n WHERE g.sector = \(sector) AND \(unit) LIKE g.pattern)"
        guard let official else { return ["(\(unit) LIKE ANY(", grants, "::text[], ", matched + ")"] }
        return ["(\(unit) LIKE ANY(", grants, "::text[], ", matched + " OR \(official) = ANY(", "::text[]))"]
    }

    /// The binds of ``condition(unit:sector:official:first:)``, in its order.
    func append(to bindings: inout PostgresBindings, official: Bool = false) {
        let (sectors, patterns) = scope.sectorColumns
        bindings.append(scope.unitPatterns)
        bindings.append(sectors)
        bindings.append(patterns)
        if official { bindings.append(scope.officialIDs) }
    }
}
