/// Reads a table a sector bureau sent, CSV or XLSX, as a header and then its rows, one at a time.
///
/// ```swift
/// let reader = try TabularReader(bytes: Array(data))            // format from the content
/// try reader.read { header in … } row: { row in … }            // row.number is the file's line / sheet row
/// ```
///
/// The whole file is held as bytes (a CSV decoded to UTF-8 once, an XLSX sheet decompressed once), but rows are
/// made and handed over one by one, so an import of a million rows never holds them all as Swift values. The
/// header is the first non-blank row, its cells trimmed; blank rows (every cell empty or white space) are skipped,
/// while row numbers stay those of the file.
public struct TabularReader: Sendable {
    /// The file's format, detected from its content unless given.
    public let format: TabularFormat
    /// For CSV, the encoding the text was found in; nil for XLSX.
    public let encoding: TabularEncoding?
    /// For XLSX, the sheet read (the first when nil).
    public let sheet: String?
    public let limits: TabularLimits
    /// CSV: the text as UTF-8; XLSX: the archive.
    private let bytes: [UInt8]

    /// Prepares to read `bytes`; a CSV's encoding is settled here, so an undecodable file fails at once.
    ///
    /// - Parameters:
    ///   - format: overrides the detection by content (``TabularFormat/detect(_:)``).
    ///   - sheet: the name of the XLSX sheet to read; the first sheet when nil. Ignored for CSV.
    public init(
        bytes: [UInt8], format: TabularFormat? = nil, sheet: String? = nil, limits: TabularLimits = .default
    ) throws(TabularError) {
        self.format = format ?? TabularFormat.detect(bytes)
        self.sheet = sheet
        self.limits = limits
        switch self.format {
        case .csv:
            let (text, encoding) = try TabularEncoding.decode(bytes)
            self.bytes = text
            self.encoding = encoding
        case .xlsx:
            self.bytes = bytes
            self.encoding = nil
        }
    }

    /// The sheet names of an XLSX workbook in tab order; a CSV has none.
    public func sheetNames() throws(TabularError) -> [String] {
        guard self.format == .xlsx else { return [] }
        do {
            return try XLSXReader(bytes: self.bytes, limits: self.limits).sheetNames()
        } catch let error as TabularError {
            throw error
        } catch {
            throw TabularError(.invalidWorkbook, "无法读取工作簿 (cannot read the workbook): \(error)")
        }
    }

    /// Calls `header` once with the header's trimmed cells, then `row` for each non-blank row after it, in file
    /// order.
    ///
    /// Throws a ``TabularError`` for a file that cannot be read (``TabularError/Code/noHeader`` when no row has
    /// anything in it), or whatever a closure throws, which stops the reading.
    public func read(header: ([String]) throws -> Void, row: (TabularRow) throws -> Void) throws {
        var sawHeader = false
        func deliver(_ next: TabularRow) throws {
            guard !next.isBlank else { return }
            if sawHeader {
                try row(next)
            } else {
                sawHeader = true
                try header(next.cells.map { $0.trimmingCellSpace() })
            }
        }
        switch self.format {
        case .csv:
            var reader = CSVRowReader(utf8: self.bytes)
            var budget = TabularLimits.Budget(self.limits)
            while let next = try reader.next() {
                try budget.spend(columns: next.cells.count, line: next.number)
                try deliver(next)
            }
        case .xlsx:
            try XLSXReader(bytes: self.bytes, limits: self.limits).read(sheet: self.sheet, emit: deliver)
        }
        guard sawHeader else {
            throw TabularError(.noHeader, "文件中没有表头,也没有数据 (the file has no header row)")
        }
    }

    /// The header and every row at once, for small files and tests.
    public func readAll() throws(TabularError) -> (header: [String], rows: [TabularRow]) {
        var header: [String] = []
        var rows: [TabularRow] = []
        do {
            try self.read { header = $0 } row: { rows.append($0) }
        } catch let error as TabularError {
            throw error
        } catch {
            // Neither closure above throws; anything else is a bug in the readers' error types.
            preconditionFailure("unexpected error \(error)")
        }
        return (header, rows)
    }
}
