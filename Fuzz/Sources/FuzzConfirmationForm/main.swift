import DixianLinks
import Foundation
import LibFuzzerDriver

/// Parses the input as the body of the confirmation form (`application/x-www-form-urlencoded`): either a
/// form or a ``ConfirmationFormError``, never a crash; a parsed note is valid text within its limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    do {
        let form = try ConfirmationForm.parse(bytes)
        if let note = form.note { precondition(!note.unicodeScalars.contains("\u{0}"), "NUL in note") }
        _ = form.achieved?.description
    } catch {
        _ = error.message
    }
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzConfirmationForm_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
