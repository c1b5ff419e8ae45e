import Foundation

/// A workbook to write (导出表格): sheets of cells with the few layout features office forms need — merged
/// cells, column widths, wrapped text, a frozen header, A4 landscape printing. Written by ``XLSXWriter``.
public struct XLSXWorkbook: Sendable, Hashable {
    public var sheets: [XLSXSheet]

    public init(sheets: [XLSXSheet]) {
        self.sheets = sheets
    }
}

/// One worksheet. Rows are written in order from row 1; a row's cells from column A.
public struct XLSXSheet: Sendable, Hashable {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule; the writer refuses others).
    public var name: String
    public var rows: [[XLSXCell]]
    /// Ranges such as `A1:J1`.
    public var merges: [String]
    /// Widths of columns A, B, … in Excel's character units; nil for the default.
    public var columnWidths: [Double]
    /// Rows kept in view when scrolling (the header), 0 for none.
    public var frozenRows: Int
    /// Printed on A4 in landscape, fitted to the page width.
    public var landscape: Bool

    public init(
        name: String, rows: [[XLSXCell]], merges: [String] = [], columnWidths: [Double] = [], frozenRows: Int = 0,
        landscape: Bool = false
    ) {
        self.name = name
        self.rows = rows
        self.merges = merges
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        self.landscape = landscape
    }
}

/// A cell's value and look. Text is always text: a value starting with `=`, `+`, `-` or `@` is written as an
/// inline string, which no spreadsheet evaluates as a formula.
public struct XLSXCell: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case empty
        case text(String)
        case number(Decimal)
    }

    /// The stylesheet's cell formats (see ``XLSXWriter``).
    public enum Style: Int, Sendable, Hashable, CaseIterable {
        /// No border, not wrapped.
        case plain = 0
        /// A table cell: thin border, wrapped, top-aligned.
        case body = 1
        /// A column header: bold, centred, thin border, wrapped.
        case header = 2
        /// A title: bold 16 pt, centred.
        case title = 3
        /// Running text above or below a table (填表说明): wrapped, no border.
        case note = 4
    }

    public var value: Value
    public var style: Style

    public init(_ value: Value, style: Style = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, _ style: Style = .body) -> XLSXCell {
        XLSXCell(.text(text), style: style)
    }

    public static func number(_ number: Decimal, _ style: Style = .body) -> XLSXCell {
        XLSXCell(.number(number), style: style)
    }

    public static let empty = XLSXCell(.empty)
}
