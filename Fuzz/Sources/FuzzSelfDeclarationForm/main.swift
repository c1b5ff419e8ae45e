import DixianLinks
import Foundation
import LibFuzzerDriver

/// Parses the input as the body of the public self-declaration form: either a form within its limits (a valid
/// phone, an ID with its check digit, one of the offered difficulties) or a ``SelfDeclarationFormError``,
/// never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let difficulties = ["因病", "因残", "因学", "其他"]
    do {
        let form = try SelfDeclarationForm.parse(bytes, difficulties: difficulties)
        precondition(!form.name.isEmpty && form.name.count <= SelfDeclarationForm.maximumNameLength, "name out of bounds")
        precondition(form.phone.allSatisfy(\.isASCII) && (7...12).contains(form.phone.count), "phone out of bounds")
        precondition(difficulties.contains(form.difficulty), "difficulty not offered")
        precondition(form.description.count <= SelfDeclarationForm.maximumDescriptionLength, "description too long")
        precondition(!form.description.unicodeScalars.contains("\u{0}"), "NUL in description")
    } catch {
        _ = error.message
    }
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzSelfDeclarationForm_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
