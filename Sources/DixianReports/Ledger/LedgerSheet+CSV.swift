import DixianDirectory
import DixianTabular

extension LedgerSheet {
    /// The ledger as CSV in GB18030, the rows of the 附件1 layout (title, header block, columns, problems, 填表说明),
    /// for offices whose Excel opens CSV as GB18030. A cell starting with `=`, `+`, `-` or `@` gets a leading `'`, so
    /// a spreadsheet never runs data as a formula; ``LedgerSheetReader`` takes it off again.
    public func csv() throws -> [UInt8] {
        let rows = sheet().rows.map { row in row.map { Self.neutralised(Self.text($0)) } }
        return try GB18030Encoder.encode(CSVWriter().write(rows))
    }

    static func text(_ cell: XLSXCell) -> String {
        switch cell.value {
        case .empty: ""
        case .text(let text): text
        case .number(let number): "\(number)"
        }
    }

    /// `'` before a leading `=`, `+`, `-` or `@`.
    static func neutralised(_ text: String) -> String {
        guard let first = text.first, "=+-@".contains(first) else { return text }
        return "'" + text
    }

    /// The inverse of ``neutralised(_:)``.
    static func restored(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@".contains(second) else { return text }
        return String(text.dropFirst())
    }
}
