import DixianCore
import DixianTabular

/// A campaign's ledger as one workbook: a 附件1 sheet per working group (专班), in the order the groups come.
public struct LedgerBook: Sendable, Hashable {
    /// One problem with what its sheet's header block takes from it.
    public struct Row: Sendable, Hashable {
        public var group: String
        /// 填表人.
        public var filledBy: String
        public var problem: LedgerProblem

        public init(group: String, filledBy: String, problem: LedgerProblem) {
            self.group = group
            self.filledBy = filledBy
            self.problem = problem
        }
    }

    public var sheets: [LedgerSheet]

    /// Groups `rows` (already in sheet order) into sheets titled for `unitName`'s ledger of the campaign. The header
    /// block's 牵头单位 is the lead unit most of the group's rows name (the first on a tie), its 填表人 the first row's.
    /// `emptyGroup` gives a blank sheet to fill in when there are no rows.
    public init(rows: [Row], unitName: String, year: Int, subject: String, date: CalendarDate, emptyGroup: String? = nil) {
        var order: [String] = []
        var byGroup: [String: [Row]] = [:]
        for row in rows {
            if byGroup[row.group] == nil { order.append(row.group) }
            byGroup[row.group, default: []].append(row)
        }
        if order.isEmpty, let emptyGroup { order = [emptyGroup] }
        sheets = order.map { group in
            let rows = byGroup[group] ?? []
            let heading = LedgerSheet.Heading(
                unitName: unitName, year: year, subject: subject, group: group, leadUnit: Self.mainLeadUnit(rows),
                filledBy: rows.first?.filledBy ?? "", date: date)
            return LedgerSheet(heading: heading, problems: rows.map(\.problem))
        }
    }

    static func mainLeadUnit(_ rows: [Row]) -> String {
        var counts: [String: Int] = [:]
        for row in rows { counts[row.problem.leadUnit, default: 0] += 1 }
        let top = counts.values.max() ?? 0
        return rows.first { counts[$0.problem.leadUnit] == top }?.problem.leadUnit ?? ""
    }

    /// The workbook, sheet names made unique (Excel refuses two alike): a second `控辍保学专班` becomes `控辍保学专班(2)`.
    public func workbook() -> XLSXWorkbook {
        var used: Set<String> = []
        let sheets = sheets.map { ledger in
            var sheet = ledger.sheet()
            var name = sheet.name
            var index = 2
            while used.contains(name.lowercased()) {
                let suffix = "(\(index))"
                name = String(sheet.name.prefix(31 - suffix.count)) + suffix
                index += 1
            }
            used.insert(name.lowercased())
            sheet.name = name
            return sheet
        }
        return XLSXWorkbook(sheets: sheets)
    }
}
