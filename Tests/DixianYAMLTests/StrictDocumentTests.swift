import DixianCore
import DixianYAML
import Foundation
import Testing

/// Parses `text` as `strict.yaml` with ``YAMLDocument/Options/strict`` and reads its root mapping with `body`.
private func readStrict<Result>(
    _ text: String,
    _ body: (inout MappingReader) -> Result
) -> (result: Result?, diagnostics: [Diagnostic]) {
    let diagnostics = DiagnosticCollector()
    let document = YAMLDocument(parsing: text, file: "strict.yaml", diagnostics: diagnostics, options: .strict)
    return (document?.readMapping(body), diagnostics.diagnostics)
}

@Suite struct StrictDocumentTests {
    @Test func coreSchemaKeepsTimesDatesAndYesAsStrings() {
        let (result, diagnostics) = readStrict("a: 18:00\nb: 2026-08-15\nc: yes\nd: on\ne: 1:30\n") { root in
            ["a", "b", "c", "d", "e"].map { root.string($0) }
        }
        #expect(diagnostics.isEmpty)
        #expect(result == ["18:00", "2026-08-15", "yes", "on", "1:30"])
    }

    @Test func coreIntegersIncludeOctalAndHexAndLeadingZeroIsDecimal() {
        let (result, diagnostics) = readStrict("a: 010\nb: 0o17\nc: 0x1F\nd: -3\n") { root in
            ["a", "b", "c", "d"].map { root.int($0) }
        }
        #expect(diagnostics.isEmpty)
        #expect(result == [10, 15, 31, -3])
    }

    @Test func noCoercionBetweenStringsAndNumbers() {
        let (_, diagnostics) = readStrict("a: \"3\"\nb: 1\nc: true\nd: yes\n") { root in
            _ = root.int("a")
            _ = root.string("b")
            _ = root.string("c")
            _ = root.bool("d")
        }
        #expect(positions(diagnostics) == ["1:4", "2:4", "3:4", "4:4"])
        #expect(diagnostics[0].hint == "去掉引号 / remove the quotes")
        #expect(diagnostics[1].message == "应为字符串 (expected a string)")
        #expect(diagnostics[1].hint == "实际为整数，请加引号 / found an integer, quote it")
    }

    @Test func nullIsAValueOfTheWrongTypeNotAbsence() {
        let (result, diagnostics) = readStrict("a:\nb: ~\n") { root in
            (root.string("a"), root.contains("b"), root.string("b"), root.string("c", required: true))
        }
        #expect(result?.0 == nil)
        #expect(result?.1 == true)
        #expect(positions(diagnostics) == ["1:3", "2:4", "1:1"])
    }

    @Test func keysMustBeStrings() {
        let (_, diagnostics) = readStrict("1: a\ntrue: b\n\"2\": c\n") { root in
            _ = root.readAllEntries()
        }
        #expect(positions(diagnostics) == ["1:1", "2:1"])
    }

    @Test func byteOrderMarkIsAnError() {
        let (result, diagnostics) = readStrict("\u{FEFF}a: 1\n") { $0.int("a") }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["1:1"])
        #expect(diagnostics.first?.message.contains("BOM") == true)
    }

    @Test func anchorsAreReportedOnceAtTheAnchorAndTheDocumentIsRejected() {
        let text = """
            base: &b
              x: 1
            one: *b
            two: *b
            list: [&s x, *s]
            """
        let (result, diagnostics) = readStrict(text) { _ in true }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["1:7", "5:8"])
        #expect(diagnostics.allSatisfy { $0.message.contains("anchors and aliases") })
    }

    @Test func explicitTagsAreErrors() {
        let (result, diagnostics) = readStrict("a: !!str 5\nb: !custom x\nc: ! y\nd: \"!fine\"\n") { _ in true }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["1:4", "2:4", "3:4"])
    }

    @Test func mergeKeysAreErrors() {
        let (result, diagnostics) = readStrict("a:\n  <<: {x: 1}\n  y: 2\nb: {\"<<\": 1}\n") { _ in true }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["2:3"])
    }

    @Test func aliasBombIsRejectedQuickly() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...12 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(aliases)]")
        }
        // The bomb would expand to 10^13 nodes: returning at all shows it is refused before expansion.
        let (result, diagnostics) = readStrict(lines.joined(separator: "\n")) { _ in true }
        #expect(result == nil)
        #expect(diagnostics.count == 13)
    }

    @Test func nodeBudgetIsEnforced() {
        let options = YAMLDocument.Options(
            strictTypes: true, allowsByteOrderMark: false, allowsAnchorsAndTags: false, maximumNodeCount: 10)
        let diagnostics = DiagnosticCollector()
        let text = "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        #expect(YAMLDocument(parsing: text, file: "big.yaml", diagnostics: diagnostics, options: options) == nil)
        #expect(positions(diagnostics.diagnostics) == ["1:26"])  // the 11th node: the item 8
    }

    @Test func decimalsAreExact() {
        let (result, diagnostics) = readStrict("a: 0.1\nb: 7800.50\nc: 3\nd: 1e2\ne: \"1.5\"\nf: .inf\n") { root in
            ["a", "b", "c", "d", "e", "f"].map { root.value($0)?.number() }
        }
        #expect(result?[0] == Decimal(string: "0.1"))
        #expect(result?[1] == Decimal(string: "7800.5"))
        #expect(result?[2] == 3)
        #expect(result?[3] == 100)
        #expect(positions(diagnostics) == ["5:4", "6:4"])
    }

    @Test func positionsInsideScalars() {
        let text = """
            plain: abc{{x}}
            quoted: "abc{{x}}"
            block: |
              first line
                second {{x}}
            """
        let (result, _) = readStrict(text) { root in
            (
                root.value("plain")?.location(atScalarOffset: 3),
                root.value("quoted")?.location(atScalarOffset: 3),
                root.value("block")?.location(atScalarOffset: 20)
            )
        }
        #expect(result?.0?.description == "strict.yaml:1:11")
        #expect(result?.1?.description == "strict.yaml:2:13")
        #expect(result?.2?.description == "strict.yaml:5:12")
    }

    @Test func configurationDocumentsKeepTheirRules() {
        let (result, diagnostics) = read("\u{FEFF}a: &x yes\nb: *x\nc: 1000\n") { root in
            (root.bool("a"), root.bool("b"), root.string("c"))
        }
        #expect(diagnostics.isEmpty)
        #expect(result?.0 == true)
        #expect(result?.1 == true)
        #expect(result?.2 == "1000")
    }
}
