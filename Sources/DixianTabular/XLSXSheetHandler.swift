import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns a worksheet's `sheetData` into rows as the parser reads it, handing each to `emit` at its `</row>`, so a
/// sheet of a million rows is never held as Swift values at once.
///
/// A cell goes to the column its reference names (`C7` → the third), gaps become empty text cells, and a cell
/// without a reference follows the previous one; a row without `r` follows the previous row. A cell's text comes
/// from its type: shared string (`s`), inline string, formula string (`str`), boolean (`b`), error (`e`), ISO date
/// (`d`), or a number, which is a date when its style's number format is one.
final class XLSXSheetHandler: XMLPartHandler {
    private let sharedStrings: XLSXSharedStrings
    private let styles: XLSXStyles
    private let dateSystem: ExcelDateSystem
    private var budget: TabularLimits.Budget
    private let emit: (TabularRow) throws -> Void

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [String] = []
    private var kinds: [TabularCellKind] = []
    private var inRow = false

    // The cell being read.
    private var column = -1
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inValue = false
    private var inlineText = XLSXTextCollector(item: "is")
    private var inlineResult: String?

    init(
        sharedStrings: XLSXSharedStrings, styles: XLSXStyles, dateSystem: ExcelDateSystem, limits: TabularLimits,
        emit: @escaping (TabularRow) throws -> Void
    ) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
        self.budget = TabularLimits.Budget(limits)
        self.emit = emit
    }

    override func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {
        guard self.inSheetData else {
            if name == "sheetData" { self.inSheetData = true }
            return
        }
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? self.rowNumber + 1
            guard (1...CellReference.maxRows).contains(number) else {
                return self.fail(self.malformed("行号 \(attributes["r"] ?? "") 无效 (invalid row number)"), parser)
            }
            self.rowNumber = number
            self.inRow = true
            self.cells.removeAll(keepingCapacity: true)
            self.kinds.removeAll(keepingCapacity: true)
            self.column = -1
        case "c" where self.inRow:
            if let reference = attributes["r"] {
                guard let parsed = CellReference(reference) else {
                    return self.fail(self.malformed("单元格引用 \(reference) 无效 (invalid cell reference)"), parser)
                }
                self.column = parsed.column
            } else {
                self.column += 1
            }
            guard self.column < self.budget.limits.maxColumns else {
                return self.fail(self.tooWide(), parser)
            }
            self.type = attributes["t"] ?? "n"
            self.style = attributes["s"].flatMap { Int($0) } ?? 0
            self.value = ""
            self.inlineResult = nil
        case "v" where self.inRow:
            self.inValue = true
        default:
            self.inlineText.start(name)
        }
    }

    override func characters(_ string: String) {
        if self.inValue { self.value.append(string) } else { self.inlineText.characters(string) }
    }

    override func end(_ name: Substring, _ parser: XMLParser) {
        guard self.inSheetData else { return }
        switch name {
        case "sheetData":
            self.inSheetData = false
        case "v":
            self.inValue = false
        case "c" where self.inRow:
            do {
                try self.placeCell()
            } catch {
                self.fail(error, parser)
            }
        case "row" where self.inRow:
            self.inRow = false
            do {
                try self.budget.spend(columns: self.cells.count, line: self.rowNumber)
                try self.emit(TabularRow(number: self.rowNumber, cells: self.cells, kinds: self.kinds))
            } catch {
                self.fail(error, parser)
            }
        default:
            if let text = self.inlineText.end(name) { self.inlineResult = text }
        }
    }

    private func placeCell() throws(TabularError) {
        let (text, kind) = try self.interpret(self.value)
        if self.column >= self.cells.count {
            let gap = self.column - self.cells.count
            self.cells.append(contentsOf: repeatElement("", count: gap))
            self.kinds.append(contentsOf: repeatElement(.text, count: gap))
            self.cells.append(text)
            self.kinds.append(kind)
        } else {
            self.cells[self.column] = text
            self.kinds[self.column] = kind
        }
    }

    private func interpret(_ raw: String) throws(TabularError) -> (String, TabularCellKind) {
        switch self.type {
        case "s":
            guard let index = Int(raw), let text = self.sharedStrings[index] else {
                throw self.malformed("共享字符串索引 \(raw) 不存在 (shared string index out of range)")
            }
            return (text, .text)
        case "inlineStr": return (self.inlineResult ?? raw, .text)
        case "str": return (raw, .text)
        case "b": return (raw == "1" || raw.lowercased() == "true" ? "TRUE" : "FALSE", raw.isEmpty ? .text : .boolean)
        case "e": return (raw, .error)
        case "d": return (Self.isoDateText(raw), .date)
        default:
            guard !raw.isEmpty else { return ("", .text) }
            if self.styles.isDate(style: self.style), let serial = Double(raw),
                let text = self.dateSystem.text(serial: serial)
            {
                return (text, .date)
            }
            return (raw, .number)
        }
    }

    /// A `t="d"` cell's ISO 8601 text in the form date cells are given: `2026-07-01T00:00:00` → `2026-07-01`.
    static func isoDateText(_ raw: String) -> String {
        var text = raw.hasSuffix("Z") ? String(raw.dropLast()) : raw
        for midnight in ["T00:00:00.000", "T00:00:00", "T00:00"] where text.hasSuffix(midnight) {
            text = String(text.dropLast(midnight.count))
            break
        }
        return text.replacingOccurrences(of: "T", with: " ")
    }

    private func malformed(_ message: String) -> TabularError {
        TabularError(
            .invalidWorkbook, "第 \(self.rowNumber) 行:\(message)", context: ["line": String(self.rowNumber)])
    }

    private func tooWide() -> TabularError {
        TabularError(
            .limitExceeded, "第 \(self.rowNumber) 行超过 \(self.budget.limits.maxColumns) 列 (too many columns)",
            context: ["limit": "columns", "line": String(self.rowNumber)])
    }
}
