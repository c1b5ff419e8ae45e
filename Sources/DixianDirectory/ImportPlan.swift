/// What importing one directory file would do: the valid rows, ready to upsert, and every problem.
///
/// Pure data; ``DirectoryImporter`` makes it, the store applies it. With any issue the plan is
/// applied only when the caller asked to skip invalid rows; with a problem of the file itself
/// (encoding, CSV syntax, header) never.
public struct ImportPlan: Sendable {
    /// Which file this is.
    public var kind: DirectoryFileKind
    /// The encoding the file was read in; nil when it could not be decoded.
    public var encoding: TextEncoding?
    /// Problems of the file as a whole: nothing of it can be imported.
    public var fileIssues: [DirectoryIssue]
    /// Problems of single rows, by line.
    public var issues: [DirectoryIssue]
    /// Data rows read (blank rows not counted).
    public var rowCount: Int
    /// The valid org units, parents before children.
    public var units: [OrgUnit]
    /// The valid officials, in file order.
    public var officials: [Official]
    /// The bureaus the valid officials name.
    public var bureaus: [Bureau]
    /// Whether the units file has a 城乡分类代码 column. Without it the import leaves stored codes as they are
    /// (a renamed village keeps its code); new units get none.
    public var hasUrbanRuralColumn: Bool
    /// Whether the units file has a 脱贫村 column; without it stored flags stay, new units are not 脱贫村.
    public var hasPovertyExitedColumn: Bool

    public init(
        kind: DirectoryFileKind,
        encoding: TextEncoding?,
        fileIssues: [DirectoryIssue] = [],
        issues: [DirectoryIssue] = [],
        rowCount: Int = 0,
        units: [OrgUnit] = [],
        officials: [Official] = [],
        bureaus: [Bureau] = [],
        hasUrbanRuralColumn: Bool = false,
        hasPovertyExitedColumn: Bool = false
    ) {
        self.kind = kind
        self.encoding = encoding
        self.fileIssues = fileIssues
        self.issues = issues.sorted { ($0.line, $0.columnNumber ?? 0) < ($1.line, $1.columnNumber ?? 0) }
        self.rowCount = rowCount
        self.units = units
        self.officials = officials
        self.bureaus = bureaus
        self.hasUrbanRuralColumn = hasUrbanRuralColumn
        self.hasPovertyExitedColumn = hasPovertyExitedColumn
    }

    /// Lines of rows that are wrong themselves, sorted: what the user has to fix.
    public var invalidLines: [Int] {
        Array(Set(self.issues.filter { !$0.isConsequence }.map(\.line))).sorted()
    }

    /// Lines not imported: the invalid rows and those depending on them.
    public var skippedLines: [Int] {
        Array(Set(self.issues.map(\.line))).sorted()
    }

    /// The valid rows of the plan: units or officials.
    public var validRowCount: Int {
        self.kind == .units ? self.units.count : self.officials.count
    }

    /// Why the plan must not be applied, or nil when it may.
    public func refusal(skipInvalid: Bool) -> DirectoryError? {
        if !self.fileIssues.isEmpty {
            return DirectoryError(
                .unreadableFile,
                "文件无法导入:\(self.fileIssues.count) 个问题,未做任何修改 (the file cannot be imported; nothing changed)",
                context: ["problems": String(self.fileIssues.count)]
            )
        }
        if !self.issues.isEmpty && !skipInvalid {
            let lines = self.invalidLines.map(String.init).joined(separator: ",")
            return DirectoryError(
                .invalidRows,
                "\(self.invalidLines.count) 行有错误,未导入任何数据;改正后重试,或用 --skip-invalid 只导入正确的行 "
                    + "(\(self.invalidLines.count) invalid row(s); nothing imported)",
                context: ["lines": lines]
            )
        }
        return nil
    }
}
