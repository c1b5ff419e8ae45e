import DixianCore

/// One problem with one row (or the header) of a directory file.
///
/// `line` is the physical line in the file where the row starts, counting the header as line 1,
/// so it matches what a spreadsheet or editor shows; `column` is the header as written in the
/// file. Issues are collected, never thrown: an import reports all of them at once.
public struct DirectoryIssue: Sendable, Hashable, CustomStringConvertible {
    /// Stable issue codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        public static let header = Code(description: "header")
        public static let missingValue = Code(description: "missing_value")
        public static let invalidValue = Code(description: "invalid_value")
        public static let invalidCode = Code(description: "invalid_division_code")
        public static let levelMismatch = Code(description: "level_mismatch")
        public static let hierarchy = Code(description: "hierarchy")
        public static let duplicate = Code(description: "duplicate")
        public static let unknownUnit = Code(description: "unknown_unit")
        public static let unknownRole = Code(description: "unknown_role")
        public static let roleLevel = Code(description: "role_level")
        public static let sectorRequired = Code(description: "sector_required")
        public static let unknownSector = Code(description: "unknown_sector")
        public static let invalidEmail = Code(description: "invalid_email")
        public static let invalidMobile = Code(description: "invalid_mobile")
        public static let conflict = Code(description: "conflict")
        /// The row is fine itself but depends on a row that is not (a village under a bad town).
        public static let dependsOnInvalidRow = Code(description: "depends_on_invalid_row")
    }

    /// 1-based physical line (header = 1).
    public var line: Int
    /// The column header as written in the file, when one column is at fault.
    public var column: String?
    /// 1-based position of that column, for `file:line:column` output.
    public var columnNumber: Int?
    public var code: Code
    /// Chinese-first human text.
    public var message: String
    /// Whether the row is only rejected because another row is bad. Such rows are skipped with
    /// `--skip-invalid` but are not counted among the bad rows a user has to fix.
    public var isConsequence: Bool {
        self.code == .dependsOnInvalidRow
    }

    public init(line: Int, column: String? = nil, columnNumber: Int? = nil, code: Code, message: String) {
        self.line = line
        self.column = column
        self.columnNumber = columnNumber
        self.code = code
        self.message = message
    }

    /// `第 3 行 [邮箱]: …`.
    public var description: String {
        let where_ = self.column.map { "第 \(self.line) 行 [\($0)]" } ?? "第 \(self.line) 行"
        return "\(where_):\(self.message)"
    }

    /// The issue as a compiler-style diagnostic `file:line:column: error: …`.
    public func diagnostic(file: String) -> Diagnostic {
        let column = self.column.map { "[\($0)] " } ?? ""
        return Diagnostic(file: file, line: self.line, column: self.columnNumber ?? 1, message: column + self.message)
    }
}
