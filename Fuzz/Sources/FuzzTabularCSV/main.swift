import DixianTabular
import LibFuzzerDriver

/// Reads the input bytes as a CSV table (encoding detection, UTF-8 or GB18030 through iconv, RFC 4180, row
/// numbers), checks what must hold of any table read, and runs every cell parser over every cell.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? TabularReader(bytes: bytes, format: .csv, limits: limits) else { return 0 }
    var previous = 0
    try? reader.read { header in
        parseAll(header)
    } row: { row in
        // Row numbers are lines: increasing, and never past the line count of the file.
        precondition(row.number > previous && row.number <= size + 1, "row numbers must increase")
        precondition(row.cells.count == row.kinds.count && !row.isBlank)
        previous = row.number
        parseAll(row.cells)
    }
    return 0
}

/// Small enough that a fuzz input never reaches for much memory.
let limits = TabularLimits(maxUncompressedBytes: 1 << 26, maxCells: 1_000_000)

func parseAll(_ cells: [String]) {
    for cell in cells {
        _ = try? TabularCellParser.date(cell)
        _ = try? TabularCellParser.date(cell, system: .date1904)
        _ = try? TabularCellParser.decimal(cell)
        _ = try? TabularCellParser.cents(cell)
        _ = try? TabularCellParser.integer(cell)
        _ = try? TabularCellParser.boolean(cell)
    }
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzTabularCSV_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
