import DixianPlugins
import DixianScreening
import DixianTabular
import Foundation

/// A whole file read and validated: the valid rows in file order, typed in the dataset's column order, and the
/// issues. Reading a million rows keeps only the typed values.
public struct ValidatedTable: Sendable {
    public typealias Row = DatasetRow

    public var dataset: Dataset
    public var rows: [Row]
    public var issues: ImportIssueList
    /// Rows read, valid or not.
    public var rowCount: Int

    /// Reads `bytes` (CSV or XLSX) and validates it. `progress` is called now and then with the rows read.
    public static func read(
        _ bytes: [UInt8], dataset: Dataset, sheet: String? = nil, knownDivisions: Set<String>? = nil,
        progress: (Int) -> Void = { _ in }
    ) -> ValidatedTable {
        // A row takes some 40 bytes of file or more: room for them all at once instead of growing step by step.
        var rows: [Row] = []
        rows.reserveCapacity(bytes.count / 40)
        var table = stream(bytes, dataset: dataset, sheet: sheet, knownDivisions: knownDivisions, progress: progress) { chunk, _ in
            rows += chunk
        }
        table.rows = rows
        return table
    }

    /// Reads and validates as ``read(_:dataset:sheet:knownDivisions:progress:)`` does, but hands the valid rows to
    /// `deliver` in file order, `chunkSize` at a time, as they are read, with the number of issues found so far: a
    /// writer can work beside the reader. The result's `rows` is empty.
    public static func stream(
        _ bytes: [UInt8], dataset: Dataset, sheet: String? = nil, knownDivisions: Set<String>? = nil, chunkSize: Int = 4096,
        progress: (Int) -> Void = { _ in }, deliver: (_ rows: [Row], _ issuesSoFar: Int) -> Void
    ) -> ValidatedTable {
        var validator = TableValidator(dataset: dataset, knownDivisions: knownDivisions)
        validator.expectRows(bytes.count / 40)
        var chunk: [Row] = []
        chunk.reserveCapacity(chunkSize)
        do {
            let reader = try TabularReader(bytes: bytes, sheet: sheet)
            var headerIsUsable = true
            try reader.read { cells in
                headerIsUsable = validator.header(cells)
            } row: { row in
                guard headerIsUsable else { return }
                if let values = validator.row(row) { chunk.append(Row(number: row.number, values: values)) }
                if chunk.count == chunkSize {
                    deliver(chunk, validator.issues.count)
                    chunk.removeAll(keepingCapacity: true)
                }
                if validator.rowCount % 10_000 == 0 { progress(validator.rowCount) }
            }
        } catch let error as TabularError {
            validator.report(ImportIssue(row: nil, column: nil, .unreadable, error.message))
        } catch {
            validator.report(ImportIssue(row: nil, column: nil, .unreadable, "无法读取文件 (cannot read the file)"))
        }
        if !chunk.isEmpty { deliver(chunk, validator.issues.count) }
        return ValidatedTable(dataset: dataset, rows: [], issues: validator.issues, rowCount: validator.rowCount)
    }

    /// The value of `column` in `row`.
    public func value(_ column: String, in row: Row) -> ScreeningValue? {
        dataset.columns.firstIndex { $0.name == column }.flatMap { row.values[$0] }
    }
}
