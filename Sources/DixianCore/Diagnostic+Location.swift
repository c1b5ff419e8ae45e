extension Diagnostic {
    /// A position in an input file. Lines and columns are 1-based.
    public struct Location: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The file, as the operator named it.
        public var file: String
        /// 1-based line.
        public var line: Int
        /// 1-based column, counted in Unicode scalars.
        public var column: Int

        /// Creates a location; values below 1 are clamped to 1.
        public init(file: String, line: Int = 1, column: Int = 1) {
            self.file = file
            self.line = max(1, line)
            self.column = max(1, column)
        }

        /// `file:line:column`.
        public var description: String {
            "\(file):\(line):\(column)"
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
        }
    }
}
