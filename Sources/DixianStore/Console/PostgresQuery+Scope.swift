import DixianConsole
import PostgresNIO

extension PostgresQuery.StringInterpolation {
    /// ``ScopeFilter``'s condition inside an interpolated query, its arrays bound: `TRUE` without a scope (the
    /// operator's bearer token sees everything), otherwise what a console session's person sees.
    mutating func appendInterpolation(scope: AccessScope?, unit: String, sector: String, official: String? = nil) {
        guard let scope else { return appendLiteral("TRUE") }
        let (sectors, patterns) = scope.sectorColumns
        var binds = [scope.unitPatterns, sectors, patterns]
        if official != nil { binds.append(scope.officialIDs) }
        let pieces = ScopeFilter.pieces(unit: unit, sector: sector, official: official)
        for (piece, bind) in zip(pieces, binds) {
            appendLiteral(piece)
            appendInterpolation(bind)
        }
        appendLiteral(pieces.last!)
    }
}
