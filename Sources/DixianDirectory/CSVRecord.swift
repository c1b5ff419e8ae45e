/// One record of a CSV file and the physical line it starts on (the header is line 1).
public struct CSVRecord: Sendable, Hashable {
    /// 1-based line of the record's first character; a record with quoted line breaks spans more.
    public var line: Int
    /// The fields, unquoted.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// Whether every field is empty or white space (Excel leaves such rows as `,,,,`).
    public var isBlank: Bool {
        self.fields.allSatisfy { $0.trimmingDirectorySpace().isEmpty }
    }
}
