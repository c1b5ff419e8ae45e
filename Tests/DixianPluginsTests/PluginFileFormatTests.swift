import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Line endings, encodings and number sizes a plugin or override file may arrive with (issue 18).
@Suite struct PluginFileFormatTests {
    @Test func crlfPluginAndOverrideFilesAreAccepted() throws {
        let fixture = try PluginFixture()
        let expected = fixture.validate()
        for id in ["housing", "water"] {
            let text = try String(contentsOfFile: fixture.manifest(id), encoding: .utf8)
            try text.replacingOccurrences(of: "\n", with: "\r\n")
                .write(toFile: fixture.manifest(id), atomically: true, encoding: .utf8)
        }
        let result = fixture.validate()
        #expect(result.errors.map(\.description) == expected.errors.map(\.description))
        #expect(result.errors.isEmpty)
        #expect(!result.errors.contains { $0.message.contains("schema comment") })
    }

    @Test func firstLineEndsAtLFOrCRLFOrCR() {
        let comment = ManifestReader.schemaComment
        for ending in ["\n", "\r\n", "\r"] {
            #expect(ManifestReader.firstLine(of: Data((comment + ending + "id: x" + ending).utf8)) == comment)
        }
        #expect(ManifestReader.firstLine(of: Data(comment.utf8)) == comment)
    }

    @Test func utf32ManifestIsRefusedByName() throws {
        let fixture = try PluginFixture()
        let text = try String(contentsOfFile: fixture.manifest("water"), encoding: .utf8)
        let bytes: [UInt8] = [0x00, 0x00, 0xFE, 0xFF] + text.unicodeScalars.flatMap { scalar in
            withUnsafeBytes(of: scalar.value.bigEndian, Array.init)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.manifest("water")))
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root).contains("plugins/water/plugin.yaml:1:1"))
        #expect(
            result.errors.contains {
                $0.message == "文件为 UTF-32BE 编码，不支持 (UTF-32BE is not supported, YAML files must be UTF-8)"
            })
        #expect(!result.errors.contains { $0.message.contains("not valid UTF-8") })
    }

    @Test func twentyNineDigitIntegerIsOutOfRange() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "format_version: 1", with: "format_version: 12345678901234567890123456789", in: "water")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/water/plugin.yaml:\(line):17"])
        #expect(
            result.errors.first?.message
                == "整数 12345678901234567890123456789 超出范围 (integer out of range): "
                + "允许 \(Int.min)...\(Int.max) (allowed \(Int.min)...\(Int.max))")
    }

    @Test func ruleThatNeverOccursIsAWarningAtTheRule() throws {
        let fixture = try PluginFixture()
        let text = try String(contentsOfFile: fixture.manifest("employment"), encoding: .utf8)
        let needle = "{yearly: {month: 11, day: 30}}"
        try #require(text.contains(needle))
        let line = try fixture.replace(needle, with: "{rrule: \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\"}", in: "employment")
        let result = fixture.validate()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let warnings = result.warnings.filter { $0.file.hasSuffix("employment/plugin.yaml") }
        #expect(warnings.map(\.line) == [line])
        #expect(
            warnings.first?.message.contains(
                "BYMONTH=2 and BYMONTHDAY=30 never meet: those months have at most 29 days") == true)
    }
}
