import DixianCore
import DixianDaemon
import Foundation
import Testing

/// Line endings, encodings and number sizes a configuration file may arrive with (issue 18).
@Suite struct ConfigurationEncodingTests {
    @Test func crlfLineEndingsReadTheSameAsLF() throws {
        let text = try String(contentsOfFile: ConfigFixtures.shippedConfigPath(), encoding: .utf8)
        try ConfigFixtures.withTemporaryDirectory { directory in
            let unix = try ConfigFixtures.write(text, to: "unix.yaml", in: directory)
            let windows = try ConfigFixtures.write(
                text.replacingOccurrences(of: "\n", with: "\r\n"), to: "windows.yaml", in: directory)
            let expected = try ConfigurationLoader.load(path: unix, environment: [:])
            let loaded = try ConfigurationLoader.load(path: windows, environment: [:])
            #expect(loaded.configuration == expected.configuration)
            #expect(loaded.warnings.isEmpty)
        }
    }

    @Test func utf32IsRefusedByNameNotReadAsUTF16() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("utf32.yaml")
            let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x00] + "timezone: UTC\n".unicodeScalars.flatMap { scalar in
                withUnsafeBytes(of: scalar.value.littleEndian, Array.init)
            }
            try Data(bytes).write(to: url)
            do {
                _ = try ConfigurationLoader.load(path: url.path, environment: [:])
                Issue.record("a UTF-32 file was accepted")
            } catch let error as ConfigurationError {
                #expect(error.diagnostics.map { "\($0.file):\($0.line):\($0.column)" } == ["\(url.path):1:1"])
                #expect(
                    error.diagnostics.first?.message
                        == "文件为 UTF-32LE 编码，不支持 (UTF-32LE is not supported, YAML files must be UTF-8)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func twentyNineDigitIntegerIsOutOfRangeWithTheAllowedRange() {
        do {
            _ = try ConfigurationLoader.parse(
                "database:\n  max_connections: 12345678901234567890123456789\n", file: "dixian.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(
                error.diagnostics.first?.description
                    == "dixian.yaml:2:20: error: 整数 12345678901234567890123456789 超出范围 (integer out of range): "
                    + "允许 1...200 (allowed 1...200)")
        }
    }
}
