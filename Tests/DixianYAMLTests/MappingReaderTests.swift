import DixianCore
import DixianYAML
import Foundation
import Testing

@Suite struct MappingReaderTests {
    enum Format: String, CaseIterable { case logfmt, json }

    @Test func readsTypedValues() {
        let text = """
            name: dixian
            port: 8_080
            enabled: yes
            timeout: 1h30m
            format: json
            tags: [a, b]
            """
        let (result, diagnostics) = read(text) { root in
            (
                root.string("name"), root.int("port", in: 1...65535), root.bool("enabled"),
                root.duration("timeout"), root.enum("format", as: Format.self),
                root.sequence("tags")?.compactMap { $0.string() }
            )
        }
        #expect(diagnostics.isEmpty)
        #expect(result?.0 == "dixian")
        #expect(result?.1 == 8080)
        #expect(result?.2 == true)
        #expect(result?.3 == .seconds(5400))
        #expect(result?.4 == .json)
        #expect(result?.5 == ["a", "b"])
    }

    @Test func hugeIntegerIsOutOfRangeNotAMismatch() {
        let (_, diagnostics) = read("port: 12345678901234567890123456789\nretries: -99999999999999999999\n") { root in
            (root.int("port", in: 1...65535), root.int("retries"))
        }
        #expect(
            diagnostics.map(\.description) == [
                "test.yaml:1:7: error: 整数 12345678901234567890123456789 超出范围 (integer out of range): "
                    + "允许 1...65535 (allowed 1...65535)",
                "test.yaml:2:10: error: 整数 -99999999999999999999 超出范围 (integer out of range): "
                    + "允许 \(Int.min)...\(Int.max) (allowed \(Int.min)...\(Int.max))",
            ]
        )
        #expect(!diagnostics.contains { $0.description.contains("found an integer") })
    }

    @Test func unknownKeyIsReportedAtTheKeyWithSuggestion() {
        let text = """
            http:
              lisen: 127.0.0.1:8080
            """
        let (_, diagnostics) = read(text) { root in
            root.withMapping("http") { http in http.string("listen") }
        }
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.description
                == "test.yaml:2:3: error: 未知的键 'lisen' (unknown key) (是不是 'listen'? / did you mean 'listen'?)"
        )
    }

    @Test func unknownKeyWithoutCloseMatchListsValidKeys() {
        let (_, diagnostics) = read("zzzzzz: 1\n") { root in
            _ = root.string("listen")
            _ = root.string("timezone")
        }
        #expect(diagnostics.first?.hint == "可用的键 / valid keys: listen, timezone")
    }

    @Test func collectsEveryErrorInsteadOfStoppingAtTheFirst() {
        let text = """
            port: eighty
            colour: red
            level: loud
            count: 500
            nested:
              flag: maybe
            """
        let (_, diagnostics) = read(text) { root in
            _ = root.int("port")
            _ = root.oneOf("level", ["debug", "info"])
            _ = root.int("count", in: 1...200)
            _ = root.withMapping("nested") { $0.bool("flag") }
        }
        #expect(positions(diagnostics) == ["1:7", "3:8", "4:8", "6:9", "2:1"])
        #expect(diagnostics[0].message == "应为整数 (expected an integer)")
        #expect(diagnostics[0].hint == "实际为字符串 / found a string")
        #expect(diagnostics[4].message == "未知的键 'colour' (unknown key)")
    }

    @Test func quotedNumberSuggestsRemovingQuotes() {
        let (_, diagnostics) = read("port: \"8080\"\n") { root in root.int("port") }
        #expect(diagnostics.first?.hint == "去掉引号 / remove the quotes")
    }

    @Test func nonDecimalIntegersAreRejected() {
        for text in ["n: 0x10", "n: 1:30", "n: 1.5", "n: 99999999999999999999"] {
            let (result, diagnostics) = read(text) { root in root.int("n") }
            #expect(result == .some(nil), "\(text)")
            #expect(positions(diagnostics) == ["1:4"], "\(text)")
        }
        #expect(read("n: 010") { $0.int("n") }.result == 10)
        #expect(read("n: -5") { $0.int("n") }.result == -5)
    }

    @Test func wrongShapesAreReportedAtTheValue() {
        let text = """
            name: [a, b]
            section: 3
            list: {a: 1}
            """
        let (_, diagnostics) = read(text) { root in
            _ = root.string("name")
            _ = root.withMapping("section") { _ in () }
            _ = root.sequence("list")
        }
        #expect(positions(diagnostics) == ["1:7", "2:10", "3:7"])
        #expect(diagnostics.map(\.message) == [
            "应为字符串 (expected a string)", "应为映射 (expected a mapping)", "应为列表 (expected a list)",
        ])
    }

    @Test func nullAndAbsentKeysTakeDefaults() {
        let (result, diagnostics) = read("a:\nb: ~\n") { root in
            (root.int("a") ?? 1, root.int("b") ?? 2, root.int("c") ?? 3)
        }
        #expect(diagnostics.isEmpty)
        #expect(result.map { [$0.0, $0.1, $0.2] } == [1, 2, 3])
    }

    @Test func missingRequiredKeyIsReportedAtTheMapping() {
        let (_, diagnostics) = read("outer:\n  inner:\n    other: 1\n") { root in
            root.withMapping("outer") { outer in
                outer.withMapping("inner") { inner in
                    inner.ignore("other")
                    return inner.string("id", required: true)
                }
            }
        }
        #expect(positions(diagnostics) == ["3:5"])
        #expect(diagnostics.first?.message == "缺少必需的键 'id' (missing required key)")
    }

    @Test func emptyDocumentsReadAsAllDefaults() {
        for text in ["", "\n\n", "# only a comment\n", "---\n", "~\n"] {
            let (result, diagnostics) = read(text) { root in root.string("a") ?? "default" }
            #expect(diagnostics.isEmpty, "\(text.debugDescription)")
            #expect(result == "default")
        }
    }

    @Test func rootMustBeAMapping() {
        let (result, diagnostics) = read("- a\n- b\n") { root in root.string("a") }
        #expect(result == nil)
        #expect(positions(diagnostics) == ["1:1"])
        #expect(diagnostics.first?.hint == "实际为列表 / found a list")
    }

    @Test func keysMustBeStrings() {
        let (_, diagnostics) = read("? [a, b]\n: 1\nok: 2\n") { root in root.int("ok") }
        #expect(positions(diagnostics) == ["1:3"])
        #expect(diagnostics.first?.message == "键必须是字符串 (keys must be strings)")
    }

    @Test func keysThatReadTheSameAreDuplicates() {
        // YAML sees an integer key and a string key; a configuration reader sees "1" twice.
        let (_, diagnostics) = read("1: a\n'1': b\n") { root in root.string("1") }
        #expect(positions(diagnostics) == ["2:1"])
        #expect(diagnostics.first?.message == "重复的键 '1' (duplicate key)")
    }

    @Test func mergeKeysAreRejectedWithAnExplanation() {
        let text = "base: &b {x: 1}\nother:\n  <<: *b\n"
        let (_, diagnostics) = read(text) { root in
            root.ignore("base")
            _ = root.withMapping("other") { $0.int("x") }
        }
        #expect(positions(diagnostics) == ["3:3"])
        #expect(diagnostics.first?.hint == "不支持合并键 '<<' / merge keys are not supported")
    }

    @Test func enumSuggestsTheNearestValue() {
        let (_, diagnostics) = read("format: jsn\n") { root in root.enum("format", as: Format.self) }
        #expect(positions(diagnostics) == ["1:9"])
        #expect(diagnostics.first?.message == "无效的取值 'jsn' (invalid value)")
        #expect(diagnostics.first?.hint == "是不是 'json'? / did you mean 'json'?")
    }

    @Test func durationsAreCheckedAgainstTheirRange() {
        let (_, diagnostics) = read("a: 10\nb: 2h\nc: 5x\n") { root in
            _ = root.duration("a")
            _ = root.duration("b", in: .seconds(1) ... .seconds(60))
            _ = root.duration("c")
        }
        #expect(positions(diagnostics) == ["1:4", "2:4", "3:4"])
        #expect(diagnostics[1].message == "时长 2h 超出范围 1s...1m (out of range)")
    }

    @Test func columnsCountCharactersNotBytes() {
        let (_, diagnostics) = read("名称: 值\n端口: 八十\n") { root in
            root.ignore("名称")
            _ = root.int("端口")
        }
        #expect(positions(diagnostics) == ["2:5"])
    }
}
