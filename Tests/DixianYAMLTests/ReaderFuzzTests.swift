import DixianCore
import DixianYAML
import Foundation
import Testing

/// Property: whatever the input, reading never crashes and every diagnostic has a valid position.
@Suite struct ReaderFuzzTests {
    static let fragments = [
        "a", "b", "listen", "port", "http", ":", ": ", " ", "  ", "\n", "\n  ", "- ", "-", "[", "]", "{", "}",
        ", ", "'", "\"", "#", "&x ", "*x", "!!str ", "!!int ", "!custom ", "? ", "|", ">", "\t", "---", "...",
        "~", "null", "10", "10s", "1h30m", "-1", "0x1F", "1:30", "1.5", "yes", "<<", "%YAML 1.1\n", "\r\n", "\r",
        "é", "中文", "😀", "\u{0}", "\u{1}", "\u{FEFF}", "\\", "%", "@", "`", "\u{85}", "\u{2028}",
    ]

    static let valid = """
        timezone: Asia/Shanghai
        http:
          listen: "127.0.0.1:8080"
        log: {format: json, level: info}
        database:
          max_connections: 10
          connect_timeout: 10s
          hosts: [a, b, c]
        """

    @Test func randomBytesNeverCrash() {
        var generator = SeededRandom(seed: 0xD1C5_1A00)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...120, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            check(data: Data(bytes))
        }
    }

    @Test func yamlishTokenSoupNeverCrashes() {
        var generator = SeededRandom(seed: 42)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...40, using: &generator)
            let text = (0..<count).map { _ in Self.fragments.randomElement(using: &generator)! }.joined()
            check(text: text)
        }
    }

    @Test func mutatedValidDocumentsNeverCrash() {
        var generator = SeededRandom(seed: 7)
        let original = Array(Self.valid.unicodeScalars)
        for _ in 0..<2_000 {
            var scalars = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0...scalars.count, using: &generator)
                let fragment = Array(Self.fragments.randomElement(using: &generator)!.unicodeScalars)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: scalars.insert(contentsOf: fragment, at: index)
                case 1 where index < scalars.count: scalars.remove(at: index)
                default: if index < scalars.count { scalars[index] = fragment.first ?? " " }
                }
            }
            check(text: String(String.UnicodeScalarView(scalars)))
        }
    }

    private func check(text: String) {
        let diagnostics = DiagnosticCollector()
        if let document = YAMLDocument(parsing: text, file: "fuzz.yaml", diagnostics: diagnostics) {
            _ = document.readMapping { walk(&$0, depth: 0) }
        }
        verify(diagnostics, input: text.debugDescription)
    }

    private func check(data: Data) {
        let diagnostics = DiagnosticCollector()
        if let document = YAMLDocument(parsing: data, file: "fuzz.yaml", diagnostics: diagnostics) {
            _ = document.readMapping { walk(&$0, depth: 0) }
        }
        verify(diagnostics, input: data.map { String($0, radix: 16) }.joined(separator: " "))
    }

    private func verify(_ diagnostics: DiagnosticCollector, input: String) {
        for diagnostic in diagnostics.diagnostics {
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(diagnostic) for \(input)")
            #expect(diagnostic.file == "fuzz.yaml")
            #expect(!diagnostic.message.isEmpty)
        }
    }

    /// Reads a fixed schema, recursing into every nested mapping and list it meets.
    private func walk(_ reader: inout MappingReader, depth: Int) {
        _ = reader.string("a")
        _ = reader.int("b", in: 0...100)
        _ = reader.bool("yes")
        _ = reader.duration("port")
        _ = reader.oneOf("listen", ["a", "b"])
        guard depth < 8 else { return }
        _ = reader.withMapping("http") { walk(&$0, depth: depth + 1) }
        for key in reader.keys where !["a", "b", "yes", "port", "listen", "http"].contains(key) && key.count < 3 {
            if var nested = reader.mapping(key) {
                walk(&nested, depth: depth + 1)
                nested.finish()
            }
        }
        for item in reader.sequence("list") ?? [] {
            if var nested = item.mapping() {
                walk(&nested, depth: depth + 1)
                nested.finish()
            }
        }
    }
}
