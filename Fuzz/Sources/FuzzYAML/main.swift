import DixianCore
import DixianYAML
import Foundation
import LibFuzzerDriver

/// Parses the input as a configuration document and as a strict (plugin) document, then reads every value
/// with every typed accessor, as the configuration and plugin readers do. Diagnostics are expected; a crash,
/// a hang or a sanitizer report is the bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for options in [YAMLDocument.Options.configuration, .strict] {
        let diagnostics = DiagnosticCollector()
        guard let document = YAMLDocument(parsing: bytes, file: "fuzz.yaml", diagnostics: diagnostics, options: options)
        else { continue }
        var budget = 5_000
        _ = document.readMapping { root in
            for key in root.keys {
                if let value = root.value(key) { walk(value, budget: &budget) }
            }
        }
        for diagnostic in diagnostics.diagnostics {
            precondition(diagnostic.line >= 1 && diagnostic.column >= 1, "diagnostic without a position")
            _ = diagnostic.description
        }
    }
    return 0
}

/// Every accessor on `value`, then its children, at most `budget` values in all (aliases may repeat a subtree).
func walk(_ value: YAMLValue, budget: inout Int) {
    budget -= 1
    guard budget > 0 else { return }
    _ = value.string()
    _ = value.int()
    _ = value.int(in: 1...65535)
    _ = value.number()
    _ = value.bool()
    _ = value.duration()
    _ = value.oneOf(["a", "b"])
    if var mapping = value.mapping() {
        for key in mapping.keys {
            if let child = mapping.value(key) { walk(child, budget: &budget) }
        }
        mapping.finish()
    }
    for child in value.sequence() ?? [] { walk(child, budget: &budget) }
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzYAML_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
