import DixianDirectory
import DixianPlugins
import DixianScreening
import DixianTabular

/// Validates one file against a dataset's declaration, row by row: the header names every required column
/// (by its Chinese title or its name), each cell converts to its column's type, and no key repeats. Collects
/// every issue; the caller imports nothing when there is one (unless told to skip the invalid rows).
public struct TableValidator: Sendable {
    public let dataset: Dataset
    private let converter: CellConverter
    /// Column index in the file for each dataset column, nil when the file lacks an optional column.
    private var positions: [Int?] = []
    private var seenKeys: [String: Int] = [:]
    public private(set) var issues = ImportIssueList()
    /// Rows read, valid or not.
    public private(set) var rowCount = 0

    /// Where the key's columns are among the dataset's, found once rather than per row.
    private let keyIndices: [Int?]

    public init(dataset: Dataset, knownDivisions: Set<String>? = nil) {
        self.dataset = dataset
        self.converter = CellConverter(knownDivisions: knownDivisions)
        self.keyIndices = dataset.key.map { name in dataset.columns.firstIndex { $0.name == name } }
    }

    /// Room for about `count` keys, so a large file's key index does not grow by doubling.
    public mutating func expectRows(_ count: Int) {
        if !dataset.key.isEmpty { seenKeys.reserveCapacity(count) }
    }

    /// Maps the header; false when a required column is missing (every row would fail, so rows are not read).
    public mutating func header(_ cells: [String]) -> Bool {
        var index: [String: Int] = [:]
        for (position, cell) in cells.enumerated() {
            let title = cell.trimmingCharacters(in: .whitespaces)
            guard let column = dataset.columns.first(where: { $0.title == title || $0.name == title }) else { continue }
            if index[column.name] != nil {
                issues.append(ImportIssue(row: nil, column: column.title, .duplicateColumn, "列重复 (column appears twice)"))
            }
            index[column.name] = position
        }
        positions = dataset.columns.map { index[$0.name] }
        for (column, position) in zip(dataset.columns, positions) where position == nil && column.isRequired {
            issues.append(ImportIssue(
                row: nil, column: column.title, .missingColumn,
                "缺少必填列（列名 \(column.name)）(missing required column)"))
        }
        return !issues.issues.contains { $0.code == .missingColumn || $0.code == .duplicateColumn }
    }

    /// The row's values in the dataset's column order, or nil when a cell is invalid (the issues say why).
    public mutating func row(_ row: TabularRow) -> [ScreeningValue?]? {
        rowCount += 1
        var values: [ScreeningValue?] = []
        values.reserveCapacity(dataset.columns.count)
        var valid = true
        for (column, position) in zip(dataset.columns, positions) {
            guard let position else {
                values.append(nil)
                continue
            }
            switch converter.convert(row[position], kind: row.kind(at: position), column: column) {
            case .value(let value):
                values.append(value)
            case .issue(let code, let message):
                issues.append(ImportIssue(row: row.number, column: column.title, code, message))
                values.append(nil)
                valid = false
            }
        }
        guard valid else { return nil }
        return checkKey(values, row: row.number) ? values : nil
    }

    /// Whether the row's key is new in this file; a repeat names the row it repeats.
    private mutating func checkKey(_ values: [ScreeningValue?], row number: Int) -> Bool {
        guard !dataset.key.isEmpty else { return true }
        let key: String
        if keyIndices.count == 1, let index = keyIndices[0], case .string(let text)? = values[index] {
            key = text
        } else {
            key = keyIndices.map { index in index.flatMap { values[$0]?.description } ?? "" }.joined(separator: "\u{1F}")
        }
        // One hash of the key, not a lookup and then an insert (a million-row file hashes a million keys): the
        // defaulted subscript's in-place access stores `number` for a new key and yields the stored row otherwise.
        func stored(_ row: inout Int) -> Int { row }
        let first = stored(&seenKeys[key, default: number])
        if first != number {
            let titles = dataset.key.compactMap { name in dataset.columns.first { $0.name == name }?.title }
            issues.append(ImportIssue(
                row: number, column: titles.joined(separator: "+"), .duplicateKey,
                "与第\(first)行重复 (duplicate key, first at row \(first))"))
            return false
        }
        return true
    }

    /// An issue found by a check across rows or files (the register's).
    public mutating func report(_ issue: ImportIssue) {
        issues.append(issue)
    }

    /// The position of a column in the dataset's order.
    public func index(of name: String) -> Int? {
        dataset.columns.firstIndex { $0.name == name }
    }
}
