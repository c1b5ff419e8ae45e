import DixianCore

/// An error of the org directory, with a stable code and the context an operator needs.
///
/// Row problems of an import are ``DirectoryIssue``s, collected rather than thrown; this type is
/// for what stops the work as a whole (an unreadable file, an import refused because of bad rows)
/// and for single values (a malformed division code).
public struct DirectoryError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// A division code that is not 12 digits or breaks the 2+2+2+3+3 rules.
        public static let invalidDivisionCode = Code(description: "invalid_division_code")
        /// The bytes are neither UTF-8/UTF-16 nor GB18030.
        public static let undecodable = Code(description: "undecodable")
        /// The CSV breaks RFC 4180 (an unterminated quote, text after a closing quote).
        public static let csvSyntax = Code(description: "csv_syntax")
        /// The header row is missing, has an unknown or duplicate column, or lacks a required one.
        public static let header = Code(description: "header")
        /// The import was refused: the file cannot be read at all (encoding, CSV syntax or header).
        public static let unreadableFile = Code(description: "unreadable_file")
        /// The import was refused: some rows are invalid and `--skip-invalid` was not given.
        public static let invalidRows = Code(description: "invalid_rows")
        /// A demo or import file is missing.
        public static let missingFile = Code(description: "missing_file")
    }

    public var code: Code
    /// Chinese-first human text.
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }
}
