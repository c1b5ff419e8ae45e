/// One problem found in an imported file (导入问题): where it is (row number as the file shows it, column title)
/// and why. The message never repeats the cell's text: cells hold ID numbers, names and health details, and the
/// report is printed, logged and returned over HTTP.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible, Encodable {
    /// Stable kinds, for scripts and tests.
    public enum Code: String, Sendable, Hashable, Encodable {
        case missingColumn = "missing_column"
        case duplicateColumn = "duplicate_column"
        case missingValue = "missing_value"
        case invalidValue = "invalid_value"
        case checkDigit = "check_digit"
        case invalidResidentID = "invalid_resident_id"
        case unknownDivision = "unknown_division"
        case notInList = "not_in_list"
        case duplicateKey = "duplicate_key"
        case birthDateMismatch = "birth_date_mismatch"
        case unknownHousehold = "unknown_household"
        case inconsistent
        case unreadable
    }

    /// The file's row (CSV line, XLSX row); nil for a problem of the header or the whole file.
    public var row: Int?
    /// The column's Chinese title as the dataset declares it.
    public var column: String?
    public var code: Code
    /// Chinese first, then English in parentheses.
    public var message: String

    public init(row: Int?, column: String?, _ code: Code, _ message: String) {
        self.row = row
        self.column = column
        self.code = code
        self.message = message
    }

    /// `第12行 “公民身份号码”：身份证号校验位不符 (bad check digit)`.
    public var description: String {
        var place = row.map { "第\($0)行" } ?? "表头"
        if let column { place += " “\(column)”" }
        return "\(place)：\(message)"
    }
}

/// Every issue of a file, with the report the CLI and the API print: all of them up to a limit, then a count
/// per column and kind, since a thousand lines of the same mistake help nobody.
public struct ImportIssueList: Sendable, Hashable {
    public private(set) var issues: [ImportIssue] = []

    public init() {}

    public var isEmpty: Bool { issues.isEmpty }
    public var count: Int { issues.count }

    public mutating func append(_ issue: ImportIssue) {
        issues.append(issue)
    }

    /// The rows with at least one issue.
    public var rowsWithIssues: Set<Int> {
        Set(issues.compactMap(\.row))
    }

    /// The first `limit` issues, then one summary line per (column, code) for the rest.
    public func report(limit: Int = 100) -> [String] {
        var lines = issues.prefix(limit).map(\.description)
        guard issues.count > limit else { return lines }
        var rest: [String: Int] = [:]
        var order: [String] = []
        for issue in issues.dropFirst(limit) {
            let key = "“\(issue.column ?? "表头")” \(issue.code.rawValue)"
            if rest[key] == nil { order.append(key) }
            rest[key, default: 0] += 1
        }
        lines.append("……另有 \(issues.count - limit) 个问题 (and \(issues.count - limit) more):")
        lines += order.map { "  \($0)：\(rest[$0]!) 处" }
        return lines
    }
}
