import DixianLinks
import Foundation
import LibFuzzerDriver

/// Reads the input's first line as a request's Content-Type and the rest as its body, as the console's evidence
/// upload does: parts within the limits and no larger than the body, or a refusal, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let contentType = String(decoding: bytes[..<newline], as: UTF8.self)
    let body = Array(bytes[min(newline + 1, bytes.count)...])
    let boundary = MultipartFormData.boundary(contentType: contentType) ?? "b0undary"
    precondition((1...70).contains(boundary.utf8.count), "boundary length")
    do {
        let form = try MultipartFormData.parse(body, boundary: boundary)
        precondition(form.parts.count <= MultipartFormData.maximumParts, "too many parts")
        precondition(form.parts.reduce(0) { $0 + $1.body.count } <= body.count, "parts larger than the body")
        for part in form.parts {
            precondition(!part.name.isEmpty, "a part without a name")
            _ = form.field(part.name)
            _ = form.file(part.name)
        }
    } catch {
        _ = error.message
    }
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzMultipartForm_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
