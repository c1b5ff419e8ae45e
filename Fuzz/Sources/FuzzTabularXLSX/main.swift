import DixianTabular
import LibFuzzerDriver

/// Reads the input as an XLSX workbook two ways: as the archive itself (ZIPFoundation, the package
/// relationships, every part), and — so that mutations reach the XML handlers rather than dying in the ZIP
/// checks — as the sheet, shared strings and styles parts separated by NUL bytes, wrapped here into a valid
/// archive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    read(bytes)
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    let sheet = parts[0]
    let strings = parts.count > 1 ? parts[1] : []
    let styles = parts.count > 2 ? parts[2] : []
    read(StoredZip.workbook(sheet: sheet, sharedStrings: strings, styles: styles))
    return 0
}

/// Small enough that a fuzz input never reaches for much memory.
let limits = TabularLimits(maxUncompressedBytes: 1 << 26, maxCells: 1_000_000)

func read(_ bytes: [UInt8]) {
    guard let reader = try? TabularReader(bytes: bytes, format: .xlsx, limits: limits) else { return }
    _ = try? reader.sheetNames()
    try? reader.read { _ in } row: { row in
        precondition(row.cells.count == row.kinds.count && !row.isBlank)
        for (cell, kind) in zip(row.cells, row.kinds) where kind == .date || kind == .number {
            _ = try? TabularCellParser.date(cell)
            _ = try? TabularCellParser.decimal(cell)
        }
    }
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzTabularXLSX_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
