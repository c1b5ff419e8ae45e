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

