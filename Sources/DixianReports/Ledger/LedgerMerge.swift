import DixianCore

/// What a ledger read back from a sheet changes in the stored one (台账回填), decided without IO so the store only
/// applies it: a row whose problem (对照排查内容排查出的具体问题) is new becomes a problem; a known row updates the
/// columns the office edited; progress lines not yet recorded become new entries. Progress is append-only, so a line
/// deleted in Excel is kept and counted, never removed.
public struct LedgerMerge: Sendable, Hashable {
    /// A stored problem of the same campaign and working group.
    public struct Stored: Sendable, Hashable {
        public var number: String
        public var problem: LedgerProblem
        public var filledBy: String
        public var position: Int

        public init(number: String, problem: LedgerProblem, filledBy: String, position: Int) {
            self.number = number
            self.problem = problem
            self.filledBy = filledBy
            self.position = position
        }
    }

    /// One row's effect.
    public struct Item: Sendable, Hashable {
        /// The stored problem's number; nil for a new problem.
        public var number: String?
        /// The row as read (its progress: every line of the cell).
        public var problem: LedgerProblem
        /// The row's place in the sheet, 1-based.
        public var position: Int
        /// The columns whose value changed (their titles in the seed's words), empty for a new problem.
        public var changedColumns: [String]
        /// Progress lines not recorded yet.
        public var newProgress: [LedgerProblem.Progress]
        /// Whether the row only moved (or changed nothing).
        public var isUnchanged: Bool { number != nil && changedColumns.isEmpty && newProgress.isEmpty }
    }

    public var items: [Item]
    /// Recorded progress entries the sheet no longer shows: kept (整改进展只增不减).
    public var keptProgress: Int

    /// Problems added.
    public var created: Int { items.filter { $0.number == nil }.count }
    /// Problems whose columns changed.
    public var updated: Int { items.filter { $0.number != nil && !$0.changedColumns.isEmpty }.count }
    /// Progress entries added, over all rows.
    public var progressAdded: Int { items.reduce(0) { $0 + $1.newProgress.count } }
    /// Whether importing changes nothing but row order.
    public var changesNothing: Bool { created == 0 && updated == 0 && progressAdded == 0 }

    /// Matches `sheet`'s rows to `stored` by the problem's words.
    public init(sheet: LedgerSheet, stored: [Stored]) {
        let byProblem = Dictionary(stored.map { ($0.problem.problem, $0) }, uniquingKeysWith: { first, _ in first })
        var kept = 0
        items = sheet.problems.enumerated().map { index, row in
            guard let known = byProblem[row.problem] else {
                return Item(number: nil, problem: row, position: index + 1, changedColumns: [], newProgress: row.progress)
            }
            let recorded = Set(known.problem.progress)
            let incoming = Set(row.progress)
            kept += recorded.subtracting(incoming).count
            return Item(
                number: known.number, problem: row, position: index + 1,
                changedColumns: Self.changedColumns(known, row, filledBy: sheet.heading.filledBy),
                newProgress: row.progress.filter { !recorded.contains($0) })
        }
        keptProgress = kept
    }

    static func changedColumns(_ known: Stored, _ row: LedgerProblem, filledBy: String) -> [String] {
        let old = known.problem
        var changed: [String] = []
        if old.measure != row.measure { changed.append("整改措施") }
        if old.deadline != row.deadline { changed.append("整改时限") }
        if old.result != row.result { changed.append("整改结果") }
        if old.leadUnit != row.leadUnit { changed.append("牵头单位") }
        if old.cooperatingUnits != row.cooperatingUnits { changed.append("配合单位") }
        if old.responsible != row.responsible { changed.append("责任人") }
        if old.note != row.note { changed.append("备注") }
        if known.filledBy != filledBy { changed.append("填表人") }
        return changed
    }
}
