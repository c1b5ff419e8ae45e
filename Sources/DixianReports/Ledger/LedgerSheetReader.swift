import DixianCore
import DixianTabular
import Foundation

/// Reads a ledger back from the 附件1 layout as offices fill it in Excel or WPS: the title gives the unit and the
/// year, the header block the group, lead unit, filler and date, then one problem per row until 填表说明.
/// Every bad cell is reported with its row and column title; the caller imports nothing unless there is none.
public enum LedgerSheetReader {
    /// A cell that cannot be read (行、列、原因).
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public var row: Int
        public var column: String
        public var message: String
        public var description: String { "第\(row)行 “\(column)”：\(message)" }
    }

    /// Reads an XLSX or CSV (UTF-8 or GB18030) ledger; a CSV cell's protective `'` before `=`, `+`, `-`, `@` is taken off.
    public static func read(_ bytes: [UInt8], sheet: String? = nil) throws -> (ledger: LedgerSheet, issues: [Issue]) {
        let reader = try TabularReader(bytes: bytes, sheet: sheet)
        var (title, rows) = try reader.readAll()
        if reader.format == .csv {
            title = title.map(LedgerSheet.restored)
            rows = rows.map { TabularRow(number: $0.number, cells: $0.cells.map(LedgerSheet.restored), kinds: $0.kinds) }
        }
        var issues: [Issue] = []
        guard let heading = Self.heading(title.first ?? "", block: rows.first?.cells ?? []) else {
            throw TabularError(.noHeader, "第1行应为“<单位> <年份> 年度…问题排查整改台账”，第2行为专班、牵头单位、填表人、时间 (not a ledger)")
        }
        guard rows.count > 1, rows[1].cells.prefix(LedgerSheet.columns.count).map({ $0.trimmingCharacters(in: .whitespaces) }) == LedgerSheet.columns
        else {
            throw TabularError(.noHeader, "第3行应为附件1的十列：\(LedgerSheet.columns.joined(separator: "、")) (the ten columns)")
        }
        var problems: [LedgerProblem] = []
        var firstRow: [String: Int] = [:]
        for row in rows.dropFirst(2) {
            if row.cells.first?.hasPrefix("填表说明") == true { break }
            guard let problem = Self.problem(row, year: heading.year, issues: &issues) else { continue }
            // The problem's words are how a row finds its stored problem again, so two rows may not share them.
            if let first = firstRow[problem.problem] {
                issues.append(Issue(row: row.number, column: LedgerSheet.columns[1], message: "与第\(first)行的问题重复"))
                continue
            }
            firstRow[problem.problem] = row.number
            problems.append(problem)
        }
        return (LedgerSheet(heading: heading, problems: problems), issues)
    }

    static func heading(_ title: String, block: [String]) -> LedgerSheet.Heading? {
        // A year of four digits without a leading zero: "0921" would be written back as "921" (found by FuzzLedgerSheet).
        let pattern = #"^(.+?) ([1-9]\d{3}) 年度(.+)问题排查整改台账$"#
        guard let match = title.range(of: pattern, options: .regularExpression) else { return nil }
        let text = String(title[match])
        let unitEnd = text.range(of: " ")!.lowerBound
        let unit = String(text[..<unitEnd])
        let afterUnit = text[text.index(after: unitEnd)...]
        guard let year = Int(afterUnit.prefix(4)) else { return nil }
        let subject = String(afterUnit.dropFirst(4 + " 年度".count).dropLast("问题排查整改台账".count))
        func field(_ label: String) -> String {
            let cell = block.first { $0.hasPrefix(label + ":") } ?? ""
            return cell.dropFirst(label.count + 1).replacingOccurrences(of: "（盖章）", with: "").trimmingCharacters(in: .whitespaces)
        }
        guard let date = chineseDate(field("时间")) else { return nil }
        return LedgerSheet.Heading(
            unitName: unit, year: year, subject: subject, group: field("专班"), leadUnit: field("牵头单位"), filledBy: field("填表人"), date: date)
    }

    static func problem(_ row: TabularRow, year: Int, issues: inout [Issue]) -> LedgerProblem? {
        let columns = LedgerSheet.columns
        func cell(_ index: Int) -> String { row[index].trimmingCharacters(in: .whitespacesAndNewlines) }
        let before = issues.count
        func refuse(_ index: Int, _ message: String) { issues.append(Issue(row: row.number, column: columns[index], message: message)) }
        for index in [1, 2, 6, 8] where cell(index).isEmpty { refuse(index, "不能为空") }
        var progress: [LedgerProblem.Progress] = []
        for line in cell(3).split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }), let date = monthDay(String(line[..<colon]), year: year) else {
                refuse(3, "每行应为“7月25日：做了什么”")
                continue
            }
            progress.append(.init(on: date, text: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let deadline = deadline(cell(4), year: year)
        if deadline == nil { refuse(4, "应为“8月15日前”或日期") }
        let result = RectificationResult(naming: cell(5))
        if result == nil { refuse(5, "须为“正在整改”、“整改完成”或“整改完成长期坚持”") }
        guard issues.count == before, let deadline, let result else { return nil }
        let cooperating = cell(7).split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return LedgerProblem(
            problem: cell(1), measure: cell(2), progress: progress, deadline: deadline, result: result, leadUnit: cell(6),
            cooperatingUnits: cooperating, responsible: cell(8), note: cell(9))
    }

    /// `8月15日前`, `8月15日`, or a date cell (`2024-08-15`).
    static func deadline(_ text: String, year: Int) -> CalendarDate? {
        if let date = CalendarDate(parsing: text) { return date }
        let trimmed = text.hasSuffix("前") ? String(text.dropLast()) : text
        return monthDay(trimmed, year: year)
    }

    /// `7月25日` in `year`, or `2025年1月3日` in its own.
    static func monthDay(_ text: String, year: Int) -> CalendarDate? {
        if let full = chineseDate(text) { return full }
        return dayOfYear(text, year: year)
    }

    static func dayOfYear(_ text: String, year: Int) -> CalendarDate? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "月")
        guard parts.count == 2, parts[1].hasSuffix("日"), let month = Int(parts[0]), let day = Int(parts[1].dropLast()) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// `2024年7月20日`.
    static func chineseDate(_ text: String) -> CalendarDate? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "年")
        guard parts.count == 2, let year = Int(parts[0]) else { return nil }
        return dayOfYear(String(parts[1]), year: year)
    }
}
