import DixianCore

/// Why a cell's text is not a value of the wanted type: a stable code and a reason in Chinese then English, for
/// the import's report next to the row number and column title.
///
/// The cell's text is deliberately not part of the error: cells hold ID numbers and names, and reports are
/// written to logs.
public struct TabularCellError: Error, Sendable, Hashable, ContextualError {
    /// Stable codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// The cell is empty or white space; whether that is allowed is the caller's decision.
        public static let empty = Code(description: "empty")
        /// Not a date in any accepted form, or a date that does not exist.
        public static let invalidDate = Code(description: "invalid_date")
        /// Not a number in any accepted form.
        public static let invalidNumber = Code(description: "invalid_number")
        /// A number, but not a whole one, or with more decimals than cents have.
        public static let notWhole = Code(description: "not_whole")
        /// A number too large for the type.
        public static let outOfRange = Code(description: "out_of_range")
        /// Not one of the accepted spellings of yes and no.
        public static let invalidBoolean = Code(description: "invalid_boolean")
    }

    public var code: Code
    /// Chinese first, then English in parentheses: `日期无效 (invalid date)`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var context: [String: String] { ["code": self.code.description] }

    static let empty = TabularCellError(.empty, "值为空 (empty value)")
}
