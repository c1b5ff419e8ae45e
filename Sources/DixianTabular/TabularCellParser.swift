import DixianCore

/// Pure parsers from a cell's text to a typed value, accepting the spellings bureau files use.
///
/// Every parser trims white space (full-width and no-break spaces too), reads full-width digits and punctuation
/// (`２０２６／７／１`, `１２，３４５．６０`) as their ASCII forms, and throws a ``TabularCellError`` whose
/// message says what was expected. Empty text is ``TabularCellError/Code/empty``, never a value.
public enum TabularCellParser {
    /// A date written as `2026-07-01`, `2026/7/1`, `2026.7.1`, `20260701`, `2026年7月1日`, an Excel serial number
    /// (`46204`, the fraction of `46204.5` being a time of day) or any of these with a time after it
    /// (`2026-07-01 08:30:00`, the time being dropped).
    ///
    /// An XLSX date cell's text (``TabularCellKind/date``) is already `YYYY-MM-DD`. A bare number from 1900 to 2100
    /// is refused: it is far likelier a year than a serial of 1905. Serial 60 is refused too: it is the 29 February
    /// 1900 that Excel counts but that never was.
    public static func date(_ text: String, system: ExcelDateSystem = .date1900) throws(TabularCellError) -> CalendarDate {
        if let fields = Self.isoDateFields(text) {
            return try Self.existingDate(fields.year, fields.month, fields.day)
        }
        let text = try self.normalized(text)
        let invalid = TabularCellError(
            .invalidDate, "日期无效,应为 2026-07-01、2026/7/1、20260701 或 2026年7月1日 (invalid date)")
        var datePart = Substring(text)
        if let split = text.firstIndex(where: { $0 == " " || $0 == "T" }) {
            guard self.isTimeOfDay(text[text.index(after: split)...].drop { $0 == " " }) else { throw invalid }
            datePart = text[..<split]
        }
        let parts: [Substring]
        if datePart.contains("年") {
            let trimmed = datePart.hasSuffix("日") || datePart.hasSuffix("号") ? datePart.dropLast() : datePart
            parts = trimmed.split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else if let separator = datePart.first(where: { $0 == "-" || $0 == "/" || $0 == "." }),
            datePart.split(separator: separator, omittingEmptySubsequences: false).count == 3
        {
            parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
        } else if datePart.count == 8, datePart.allSatisfy(\.isASCIIDigitCharacter) {
            parts = [datePart.prefix(4), datePart.dropFirst(4).prefix(2), datePart.suffix(2)]
        } else {
            return try self.serialDate(datePart, system: system, invalid: invalid)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw invalid }
        return try Self.existingDate(year, month, day)
    }

    /// The date, or the error for a day the calendar does not have (2026-02-30).
    private static func existingDate(_ year: Int, _ month: Int, _ day: Int) throws(TabularCellError) -> CalendarDate {
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw TabularCellError(.invalidDate, "日期不存在 (no such date)")
        }
        return date
    }

    /// `2026-07-01` exactly, ASCII: most cells, and XLSX date cells always. Others go the general way.
    private static func isoDateFields(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for (offset, byte) in utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case ..<4: year = year * 10 + digit
            case ..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        return (year, month, day)
    }

    /// `是`/`否`, `Y`/`N`, `yes`/`no`, `true`/`false` (any case, so Excel's `TRUE`/`FALSE` too), `1`/`0`.
    public static func boolean(_ text: String) throws(TabularCellError) -> Bool {
        let text = try self.normalized(text)
        // 是/否 as written need no lower-casing, which copies the string.
        return switch text == "是" || text == "否" ? text : text.lowercased() {
        case "是", "y", "yes", "true", "1": true
        case "否", "n", "no", "false", "0": false
        default: throw TabularCellError(.invalidBoolean, "应为“是”或“否” (expected 是/否, Y/N, true/false or 1/0)")
        }
    }

    /// Serial numbers: whole days, or with a fraction for the time of day, which is dropped.
    private static func serialDate(
        _ text: Substring, system: ExcelDateSystem, invalid: TabularCellError
    ) throws(TabularCellError) -> CalendarDate {
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = whole.first, (1...7).contains(integer.count), integer.allSatisfy(\.isASCIIDigitCharacter),
            whole.count == 1 || whole[1].allSatisfy(\.isASCIIDigitCharacter), let serial = Int(integer)
        else { throw invalid }
        if integer.count == 4, (1900...2100).contains(serial) {
            throw TabularCellError(.invalidDate, "只有年份,缺少月和日 (a year alone is not a date)")
        }
        guard let date = system.date(serial: serial) else {
            throw TabularCellError(
                .invalidDate,
                serial == 60 && system == .date1900
                    ? "Excel 序列号 60 表示不存在的 1900-02-29 (serial 60 is Excel's phantom 1900-02-29)"
                    : "Excel 日期序列号超出范围 (Excel serial number out of range)")
        }
        return date
    }

    /// `8:30`, `08:30:00`, `08:30:00.123`: digits and colons, as spreadsheets write a time after a date.
    private static func isTimeOfDay(_ text: Substring) -> Bool {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(pieces.count) else { return false }
        return pieces.enumerated().allSatisfy { index, piece in
            let digits = index == 2 ? piece.split(separator: ".", maxSplits: 1).first ?? "" : piece
            return (1...2).contains(digits.count) && piece.allSatisfy { $0.isASCIIDigitCharacter || $0 == "." }
        }
    }

    /// The text trimmed, with full-width forms (U+FF01–U+FF5E, the ideographic space) made ASCII; empty throws.
    static func normalized(_ text: String) throws(TabularCellError) -> String {
        // The usual cell has no full-width character: trimming is all there is to do.
        if !text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) {
            let trimmed = text.trimmingCellSpace()
            guard !trimmed.isEmpty else { throw TabularCellError.empty }
            return trimmed
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        let trimmed = String(scalars).trimmingCellSpace()
        guard !trimmed.isEmpty else { throw TabularCellError.empty }
        return trimmed
    }
}

extension Character {
    /// `0`–`9` only: `Character.isNumber` would take `五` and `٣`.
    var isASCIIDigitCharacter: Bool {
        guard let ascii = self.asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
    }
}
