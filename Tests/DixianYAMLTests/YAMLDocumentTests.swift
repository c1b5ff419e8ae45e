import DixianCore
import DixianYAML
import Foundation
import Testing

@Suite struct YAMLDocumentTests {
    @Test func syntaxErrorIsReportedAtItsOwnPosition() {
        let text = """
            http:
              listen: 127.0.0.1:8080
            log: [json
            timezone: UTC
            """
        let (result, diagnostics) = read(text) { _ in true }
        #expect(result == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == "test.yaml")
        #expect(positions(diagnostics) == ["4:9"])
        #expect(diagnostics.first?.message.hasPrefix("YAML 语法错误 (syntax error): ") == true)
    }

    @Test func badIndentationIsReportedAtTheOffendingLine() {
        let (_, diagnostics) = read("a:\n  b: 1\n c: 2\n") { _ in () }
        #expect(positions(diagnostics) == ["3:2"])
    }

    @Test func tabsGetAHint() {
        let (_, diagnostics) = read("a:\n\tb: 1\n") { _ in () }
        #expect(positions(diagnostics) == ["2:1"])
        #expect(diagnostics.first?.hint?.contains("制表符") == true)
    }

    @Test func duplicateKeyIsReportedAtTheRepeat() {
        let text = """
            http:
              listen: a
              port: 1
              listen: b
            """
        let (_, diagnostics) = read(text) { _ in () }
        #expect(positions(diagnostics) == ["4:3"])
        #expect(diagnostics.first?.message == "重复的键 'listen' (duplicate key)")
        #expect(diagnostics.first?.hint == "首次出现在 / first defined at 2:3")
    }

    @Test func duplicateKeyInFlowStyleFallsBackToTheFirstOccurrence() {
        let (_, diagnostics) = read("a: {x: 1, x: 2}\n") { _ in () }
        #expect(positions(diagnostics) == ["1:5"])
        #expect(diagnostics.first?.message == "重复的键 'x' (duplicate key)")
    }

    @Test func moreThanOneDocumentIsAnError() {
        let (_, diagnostics) = read("a: 1\n---\nb: 2\n") { _ in () }
        #expect(positions(diagnostics) == ["2:1"])
    }

    @Test func undefinedAliasIsAnError() {
        let (_, diagnostics) = read("a: *nope\n") { _ in () }
        #expect(positions(diagnostics) == ["1:4"])
    }

    @Test func controlCharactersAreReportedWhereTheyAre() {
        let (_, diagnostics) = read("a: 1\nb: x\u{1}y\n") { _ in () }
        #expect(positions(diagnostics) == ["2:5"])
        #expect(diagnostics.first?.message.hasPrefix("YAML 读取错误") == true)
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        var data = Data("a: 1\nb: 中".utf8)
        data.append(contentsOf: [0xB2, 0xE2])  // "测" in GBK
        let diagnostics = DiagnosticCollector()
        #expect(YAMLDocument(parsing: data, file: "gbk.yaml", diagnostics: diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.description) == [
            "gbk.yaml:2:5: error: 文件不是 UTF-8 编码 (file is not valid UTF-8) "
                + "(请另存为 UTF-8 / save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8)"
        ])
    }

    @Test func byteOrderMarkIsIgnored() {
        let (result, diagnostics) = read("\u{FEFF}a: x\nb: [\n") { $0.string("a") }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["3:1"])
        #expect(read("\u{FEFF}a: x\n") { $0.string("a") }.result == "x")
    }

    @Test func windowsLineEndingsCountAsOneLine() {
        let (_, diagnostics) = read("a: 1\r\nb: 2\r\nc: x\r\n") { root in
            _ = root.int("a")
            _ = root.int("b")
            _ = root.int("c")
        }
        #expect(positions(diagnostics) == ["3:4"])
    }
}
