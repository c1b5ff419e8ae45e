import DixianLinks
import Foundation
import LibFuzzerDriver

/// Parses the input as the body of a procedure form behind a signed link: clean values within limits, or a
/// refusal, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    do {
        let form = try ProcedureForm.parse(bytes, allowed: ["outcome", "risk", "plan", "evidence"], multiple: ["risk"])
        for values in form.values.values {
            for value in values {
                precondition(value.count <= ProcedureForm.maximumFieldLength, "value too long")
                precondition(!value.unicodeScalars.contains("\u{0}"), "NUL in value")
            }
        }
    } catch {
        _ = error.message
    }
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzProcedureForm_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
