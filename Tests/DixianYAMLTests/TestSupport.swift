import DixianCore
import DixianYAML
import Foundation

/// Parses `text` as `test.yaml` and reads its root mapping with `body`.
func read<Result>(
    _ text: String,
    _ body: (inout MappingReader) -> Result
) -> (result: Result?, diagnostics: [Diagnostic]) {
    let diagnostics = DiagnosticCollector()
    let result = YAMLDocument(parsing: text, file: "test.yaml", diagnostics: diagnostics)?.readMapping(body)
    return (result, diagnostics.diagnostics)
}

/// `line:column` of each diagnostic, for compact assertions.
func positions(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.line):\($0.column)" }
}

/// A small, fast, seeded generator so that fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
