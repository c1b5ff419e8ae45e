import DixianCore
import DixianTabular
import Foundation

/// The rectification ledger in exactly seed 003's 附件1 layout (003_7054d1b8bccb6c81.txt, 附件1): the title row,
/// the header block (专班, 牵头单位（盖章）, 填表人, 时间), the ten columns, then 填表说明. One sheet per working group.
public struct LedgerSheet: Sendable, Hashable {
    /// What the title and the header block say.
    public struct Heading: Sendable, Hashable {
        /// `刘胡兰镇`: the unit whose ledger this is.
        public var unitName: String
        public var year: Int
        /// `巩固拓展脱贫攻坚成果同乡村振兴有效衔接`: the campaign's subject.
        public var subject: String
        /// 专班.
        public var group: String
        /// 牵头单位.
        public var leadUnit: String
        /// 填表人.
        public var filledBy: String
        /// 时间.
        public var date: CalendarDate

        public init(unitName: String, year: Int, subject: String, group: String, leadUnit: String, filledBy: String, date: CalendarDate) {
            self.unitName = unitName
            self.year = year
            self.subject = subject
            self.group = group
            self.leadUnit = leadUnit
            self.filledBy = filledBy
            self.date = date
        }

        /// `刘胡兰镇 2024 年度巩固拓展脱贫攻坚成果同乡村振兴有效衔接问题排查整改台账`.
        public var title: String { "\(unitName) \(year) 年度\(subject)问题排查整改台账" }
    }

    /// The ten columns, in the seed's order and words.
    public static let columns = ["序号", "对照排查内容排查出的具体问题", "整改措施", "整改进展", "整改时限", "整改结果", "牵头单位", "配合单位", "责任人", "备注"]
    /// The seed's 填表说明, word for word.
    public static let footnote = "填表说明: 1.整改措施要有针对性、可行性。2.整改进展填写已经做了的具体工作。3.整改时限明确化,如*月*日前。4.整改结果填写为“正在整改、整改完成或整改完成长期坚持”三种形式中的一种。5.责任人填写牵头单位的主要负责人。"
    static let widths: [Double] = [6, 34, 30, 34, 12, 14, 14, 14, 10, 12]
    /// Rows before the column header: the title and the header block.
    public static let headerRow = 3

    public var heading: Heading
    public var problems: [LedgerProblem]

    public init(heading: Heading, problems: [LedgerProblem]) {
        self.heading = heading
        self.problems = problems
    }

    /// The sheet, named after the working group (cut to Excel's 31 characters).
    public func sheet() -> XLSXSheet {
        var rows: [[XLSXCell]] = [[.text(heading.title, .title)]]
        let block = ["专班: \(heading.group)", "", "", "牵头单位: \(heading.leadUnit)（盖章）", "", "", "填表人: \(heading.filledBy)", "",
                     "时间: \(heading.date.chineseDescription)", ""]
        rows.append(block.map { $0.isEmpty ? .empty : .text($0, .note) })
        rows.append(Self.columns.map { .text($0, .header) })
        for (index, item) in problems.enumerated() {
            rows.append([
                .number(Decimal(index + 1)), .text(item.problem), .text(item.measure), .text(item.progressText(inLedgerOf: heading.year)),
                .text(item.deadlineText(inLedgerOf: heading.year)),
                .text(item.result.chineseName), .text(item.leadUnit), .text(item.cooperatingUnits.joined(separator: "、")),
                .text(item.responsible), .text(item.note),
            ])
        }
        rows.append([.text(Self.footnote, .note)])
        let last = rows.count
        let cleaned = String(heading.group.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return XLSXSheet(
            name: cleaned.isEmpty ? "整改台账" : cleaned, rows: rows, merges: ["A1:J1", "A2:C2", "D2:F2", "G2:H2", "I2:J2", "A\(last):J\(last)"], columnWidths: Self.widths,
            frozenRows: Self.headerRow, landscape: true)
    }
}
