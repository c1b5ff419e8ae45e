/// Bounds on what a reader takes from one file, so that a hostile or broken file (a ZIP bomb, a cell reference
/// far to the right, a billion tiny cells) fails with ``TabularError/Code/limitExceeded`` instead of exhausting
/// memory or time.
public struct TabularLimits: Sendable, Hashable {
    /// The decompressed bytes read from an XLSX archive, all parts together. The default, 1 GiB, holds a sheet
    /// of a million rows of twenty columns.
    public var maxUncompressedBytes: Int
    /// The cells of the table, counting the empty cells that fill gaps between XLSX cell references.
    public var maxCells: Int
    /// The columns of one row: Excel's own maximum, 16,384 (column `XFD`), by default.
    public var maxColumns: Int

    public init(maxUncompressedBytes: Int = 1 << 30, maxCells: Int = 100_000_000, maxColumns: Int = 16_384) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCells = maxCells
        self.maxColumns = maxColumns
    }

    /// The defaults.
    public static let `default` = TabularLimits()

    /// Counts cells against ``maxCells`` and ``maxColumns`` as a reader produces rows.
    struct Budget {
        let limits: TabularLimits
        private(set) var cells = 0

        init(_ limits: TabularLimits) {
            self.limits = limits
        }

        mutating func spend(columns: Int, line: Int) throws(TabularError) {
            guard columns <= self.limits.maxColumns else {
                throw TabularError(
                    .limitExceeded, "第 \(line) 行超过 \(self.limits.maxColumns) 列 (too many columns)",
                    context: ["limit": "columns", "line": String(line)])
            }
            self.cells += columns
            guard self.cells <= self.limits.maxCells else {
                throw TabularError(
                    .limitExceeded, "表格超过 \(self.limits.maxCells) 个单元格 (too many cells)",
                    context: ["limit": "cells", "line": String(line)])
            }
        }
    }
}
