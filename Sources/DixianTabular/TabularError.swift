import DixianCore

/// Why a table file cannot be read, with a stable code and the context an operator needs (line, sheet, part).
///
/// Problems with single cell values are ``TabularCellError``s; this type stops the reading of a file as a whole.
public struct TabularError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// The bytes are neither UTF-8 nor GB18030 (context: `line`).
        public static let undecodable = Code(description: "undecodable")
        /// The CSV breaks RFC 4180: a quote never closed, text after a closing quote (context: `line`).
        public static let csvSyntax = Code(description: "csv_syntax")
        /// The file has no non-blank row, so no header.
        public static let noHeader = Code(description: "no_header")
        /// Not a readable ZIP archive, or a part of the workbook is missing.
        public static let invalidWorkbook = Code(description: "invalid_workbook")
        /// The requested sheet does not exist (context: `sheet`, `available`).
        public static let unknownSheet = Code(description: "unknown_sheet")
        /// An XML part is malformed, or is not UTF-8 (context: `part`, `line`).
        public static let invalidXML = Code(description: "invalid_xml")
        /// An XML part declares a DTD or entities, which a workbook never needs and an attack does (context: `part`).
        public static let forbiddenDTD = Code(description: "forbidden_dtd")
        /// The file exceeds a ``TabularLimits`` bound: a ZIP bomb, or a table too large to import (context: `limit`).
        public static let limitExceeded = Code(description: "limit_exceeded")
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

    /// The 1-based line (CSV) or row (XLSX) the error was found at, when it concerns one.
    public var line: Int? {
        self.context["line"].flatMap { Int($0) }
    }
}
