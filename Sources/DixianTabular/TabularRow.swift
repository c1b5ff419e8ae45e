/// One non-blank row of a table, below the header.
public struct TabularRow: Sendable, Hashable {
    /// Where the row is in the file, as a spreadsheet or editor shows it: for CSV the 1-based line the record
    /// starts on (the header line counts, and a quoted cell with line breaks spans several lines); for XLSX the
    /// sheet's row number. Blank rows are skipped but still counted.
    public var number: Int
    /// The cells from the first column on, as written (not trimmed). Gaps in an XLSX row are empty strings; a row
    /// may be shorter or longer than the header.
    public var cells: [String]
    /// The kind of each cell, as many as ``cells``.
    public var kinds: [TabularCellKind]

    /// A row of text cells, as CSV has.
    public init(number: Int, cells: [String]) {
        self.init(number: number, cells: cells, kinds: Array(repeating: .text, count: cells.count))
    }

    public init(number: Int, cells: [String], kinds: [TabularCellKind]) {
        precondition(cells.count == kinds.count, "a kind for every cell")
        self.number = number
        self.cells = cells
        self.kinds = kinds
    }

    /// The cell at a 0-based column, or the empty string past the row's end.
    public subscript(column: Int) -> String {
        column < self.cells.count ? self.cells[column] : ""
    }

    /// The kind of the cell at a 0-based column, ``TabularCellKind/text`` past the row's end.
    public func kind(at column: Int) -> TabularCellKind {
        column < self.kinds.count ? self.kinds[column] : .text
    }

    /// Whether every cell is empty or white space (Excel leaves such rows as `,,,,`).
    public var isBlank: Bool {
        self.cells.allSatisfy { $0.isBlankCell }
    }
}

extension String {
    /// Whether the text is empty or only white space, including the full-width space and a stray BOM.
    var isBlankCell: Bool {
        self.unicodeScalars.allSatisfy(\.isCellSpace)
    }

    /// The text without leading and trailing white space (full-width space, no-break space and BOM included).
    func trimmingCellSpace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isCellSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isCellSpace })!
        // Most cells have nothing to trim: the same string, not a copy.
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// White space by Unicode, or a stray byte-order mark. ASCII is decided without the Unicode property tables,
    /// which a million-row import would otherwise consult for nearly every cell.
    var isCellSpace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace || self == "\u{FEFF}"
    }
}
