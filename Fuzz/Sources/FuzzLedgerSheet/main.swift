import DixianReports
import Foundation
import LibFuzzerDriver

/// Reads the input as a ledger CSV (附件1 layout) as `dixian ledger import` does: a ledger with row-level issues, or a
/// refusal, never a crash. Every issue names a row and one of the ten columns; a ledger read without issues writes
/// out and reads back the same (what an export → import → export round trip relies on).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let (ledger, issues) = try? LedgerSheetReader.read(bytes) else { return 0 }
    for issue in issues {
        precondition(issue.row >= 1 && LedgerSheet.columns.contains(issue.column), "issue without a row or column: \(issue)")
    }
    guard issues.isEmpty, let written = try? ledger.csv() else { return 0 }
    guard let (again, later) = try? LedgerSheetReader.read(written) else {
        preconditionFailure("a ledger read without issues does not read back after writing")
    }
    precondition(later.isEmpty, "its own CSV has issues: \(later)")
    precondition(again.problems == ledger.problems, "problems differ after a round trip")
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzLedgerSheet_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
