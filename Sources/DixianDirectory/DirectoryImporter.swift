/// Turns the bytes of a directory CSV into an ``ImportPlan``: decode, parse, map the header,
/// validate every row. Pure: the caller passes the roles the plugins declare and a snapshot of
/// what the directory holds.
public struct DirectoryImporter: Sendable {
    /// The roles and sectors rows may name.
    public var roles: RoleCatalogue
    /// The directory as it is now (officials are checked against its units).
    public var snapshot: DirectorySnapshot

    public init(roles: RoleCatalogue, snapshot: DirectorySnapshot = .empty) {
        self.roles = roles
        self.snapshot = snapshot
    }

    /// Plans the import of a file's bytes (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK).
    ///
    /// - Parameter kind: the file's kind; nil guesses it from the header (工号/姓名 → officials).
    public func plan(bytes: [UInt8], kind: DirectoryFileKind? = nil) -> ImportPlan {
        do {
            let (text, encoding) = try TextEncoding.decode(bytes)
            return self.plan(text: text, encoding: encoding, kind: kind)
        } catch {
            return ImportPlan(kind: kind ?? .units, encoding: nil, fileIssues: [Self.fileIssue(error, line: 1)])
        }
    }

    /// Plans the import of decoded text.
    public func plan(text: String, encoding: TextEncoding = .utf8, kind: DirectoryFileKind? = nil) -> ImportPlan {
        let records: [CSVRecord]
        do {
            records = try CSVReader().records(text)
        } catch {
            let line = error.context["line"].flatMap(Int.init) ?? 1
            return ImportPlan(kind: kind ?? .units, encoding: encoding, fileIssues: [Self.fileIssue(error, line: line)])
        }
        guard let headerRecord = records.first, !headerRecord.isBlank else {
            let issue = DirectoryIssue(line: 1, code: .header, message: "文件为空或缺少表头 (empty file or no header row)")
            return ImportPlan(kind: kind ?? .units, encoding: encoding, fileIssues: [issue])
        }
        let kind = kind ?? DirectoryFileKind.detect(header: headerRecord.fields)
        let (header, headerIssues) = DirectoryHeader.read(headerRecord, kind: kind)
        let rows = records.dropFirst().filter { !$0.isBlank }
        guard headerIssues.isEmpty else {
            return ImportPlan(kind: kind, encoding: encoding, fileIssues: headerIssues, rowCount: rows.count)
        }
        switch kind {
        case .units:
            let (units, issues) = UnitRowValidator(header: header, snapshot: self.snapshot).validate(Array(rows))
            return ImportPlan(
                kind: kind, encoding: encoding, issues: issues, rowCount: rows.count, units: units,
                hasUrbanRuralColumn: header.has("urban_rural"), hasPovertyExitedColumn: header.has("poverty_exited"))
        case .officials:
            let validator = OfficialRowValidator(header: header, snapshot: self.snapshot, roles: self.roles)
            let (officials, bureaus, issues) = validator.validate(Array(rows))
            return ImportPlan(
                kind: kind, encoding: encoding, issues: issues, rowCount: rows.count, officials: officials, bureaus: bureaus
            )
        }
    }

    private static func fileIssue(_ error: DirectoryError, line: Int) -> DirectoryIssue {
        let code: DirectoryIssue.Code = error.code == .csvSyntax ? .invalidValue : .header
        return DirectoryIssue(line: line, code: code, message: error.message)
    }
}
