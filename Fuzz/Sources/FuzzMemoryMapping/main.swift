import DixianCore
import Foundation
import LibFuzzerDriver

/// Parses the input as `/proc/<pid>/maps`: every mapping read has a non-empty range and four permission letters,
/// and there are never more mappings than lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let mappings = MemoryMapping.parse(maps: text)
    precondition(mappings.count <= text.split(separator: "\n").count, "more mappings than lines")
    for mapping in mappings {
        precondition(mapping.start < mapping.end, "an empty or reversed range")
        precondition(mapping.permissions.utf8.count == 4, "permissions \(mapping.permissions)")
        precondition(!mapping.isReadOnlyFileMapping || mapping.path.hasPrefix("/"), "a file mapping without a path")
    }
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzMemoryMapping_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
