/// The header row of a directory file, mapped to fields, and access to a row's cells by field.
struct DirectoryHeader: Sendable {
    let kind: DirectoryFileKind
    /// The header cells as written.
    let names: [String]
    /// Field id → 0-based column index.
    let positions: [String: Int]

    /// Maps the header; every unknown, duplicate or missing required column is an issue on line 1.
    static func read(_ record: CSVRecord, kind: DirectoryFileKind) -> (DirectoryHeader, [DirectoryIssue]) {
        var positions: [String: Int] = [:]
        var issues: [DirectoryIssue] = []
        let names = record.fields.map { $0.trimmingDirectorySpace() }
        var byAlias: [String: DirectoryColumn] = [:]
        for column in kind.columns {
            for alias in column.aliases { byAlias[DirectoryColumn.headerKey(alias)] = column }
        }
        let ignored = Set(kind.ignoredHeaders.map(DirectoryColumn.headerKey))
        for (index, name) in names.enumerated() {
            let key = DirectoryColumn.headerKey(name)
            if key.isEmpty || ignored.contains(key) { continue }
            guard let column = byAlias[key] else {
                let accepted = kind.columns.map(\.header).joined(separator: "、")
                issues.append(DirectoryIssue(
                    line: record.line, column: name, columnNumber: index + 1, code: .header,
                    message: "未知的列 '\(name)' (unknown column);\(kind.chineseName)文件可用的列: \(accepted)"
                ))
                continue
            }
            if let first = positions[column.field] {
                issues.append(DirectoryIssue(
                    line: record.line, column: name, columnNumber: index + 1, code: .header,
                    message: "列 '\(name)' 与第 \(first + 1) 列 '\(names[first])' 重复 (duplicate column)"
                ))
                continue
            }
            positions[column.field] = index
        }
        for column in kind.columns where column.required && positions[column.field] == nil {
            issues.append(DirectoryIssue(
                line: record.line, column: column.header, code: .header,
                message: "缺少必填列 '\(column.header)' (missing required column; 也可写作 \(column.aliases.dropFirst().joined(separator: " / ")))"
            ))
        }
        return (DirectoryHeader(kind: kind, names: names, positions: positions), issues)
    }

    /// Whether the file has a column for `field`.
    func has(_ field: String) -> Bool {
        self.positions[field] != nil
    }

    /// The trimmed cell of `field`, nil when the column is absent or the cell empty.
    func cell(_ field: String, _ record: CSVRecord) -> String? {
        guard let index = self.positions[field], index < record.fields.count else { return nil }
        let value = record.fields[index].trimmingDirectorySpace()
        return value.isEmpty ? nil : value
    }

    /// An issue at `field`'s column of `record`.
    func issue(_ field: String, _ record: CSVRecord, _ code: DirectoryIssue.Code, _ message: String) -> DirectoryIssue {
        let index = self.positions[field]
        let name = index.map { self.names[$0] } ?? self.kind.columns.first { $0.field == field }?.header
        return DirectoryIssue(line: record.line, column: name, columnNumber: index.map { $0 + 1 }, code: code, message: message)
    }

    /// An issue when a row has non-empty cells beyond the header (a shifted or broken row).
    func extraCellsIssue(_ record: CSVRecord) -> DirectoryIssue? {
        guard record.fields.count > self.names.count else { return nil }
        let extra = record.fields[self.names.count...]
        guard extra.contains(where: { !$0.trimmingDirectorySpace().isEmpty }) else { return nil }
        return DirectoryIssue(
            line: record.line, columnNumber: self.names.count + 1, code: .invalidValue,
            message: "本行有 \(record.fields.count) 个字段,多于表头的 \(self.names.count) 列;可能是未加引号的逗号 (more fields than the header)"
        )
    }
}
