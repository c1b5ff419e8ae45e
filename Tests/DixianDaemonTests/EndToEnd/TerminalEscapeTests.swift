import DixianTestSupport
import Foundation
import Testing

/// The CLI never writes a control character it read from data: C0, DEL and C1 come out as `\uXXXX`.
@Suite("dixian escapes control characters it echoes from data")
struct TerminalEscapeTests {
    /// Whether `text` holds a control character other than a line feed.
    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test("an unknown key carrying an escape sequence, DEL and a C1 CSI is shown escaped in dixian check's error")
    func checkEscapesKeys() async throws {
        let work = try makeWorkDirectory("escape")
        let path = work + "/evil.yaml"
        // Raw control characters are refused by the YAML reader; YAML's own escapes put them into the key.
        try "\"\\e]0;owned\\a\\e[2Jkey\\x7F\\x9B31m\": 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await CommandResult.run(["check", "--config", path], workingDirectory: DixianBinary.packageRoot)
        #expect(result.status == 1)
        #expect(!Self.hasControl(result.errorOutput), "\(result.errorOutput.debugDescription)")
        let lines = result.errorOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix(
            "\(path):1:1: error: 未知的键 '\\u001B]0;owned\\u0007\\u001B[2Jkey\\u007F\\u009B31m' (unknown key)") == true,
            "\(lines)")
        #expect(lines.last == "配置无效:1 个错误 (configuration invalid: 1 error(s))")
    }

    @Test("a rule with a carriage return and a backspace: the echoed rule is escaped, the line structure kept")
    func recurEscapesRule() async throws {
        let result = try await CommandResult.run(["recur", "FREQ=MONTHLY;BYDAY=\u{08}\u{08}1XX\r", "--start", "2026-07-01T09:00"])
        #expect(result.status == 1)
        #expect(!Self.hasControl(result.errorOutput), "\(result.errorOutput.debugDescription)")
        #expect(result.errorOutput.contains("\\u0008\\u00081XX"), "\(result.errorOutput)")
        #expect(result.errorOutput.split(separator: "\n").count >= 2)
    }
}

extension TerminalEscapeTests {
    @Test("a CSV cell with an escape sequence is echoed escaped by dixian directory import --dry-run")
    func directoryImportEscapesCells() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("escape-csv")
            let path = work + "/officials.csv"
            let header = "工号,姓名,角色,单位代码,单位名称,行业部门,行业,邮箱,手机,企业微信,钉钉,飞书,在岗\n"
            let row = "LC09999,王五,\u{1B}[2Jboss\u{9B}1m,149721000000,岚川县,,,w@lanchuan.gov.invalid,10000009999,,,,是\n"
            try (header + row).write(toFile: path, atomically: true, encoding: .utf8)
            let result = try await CommandResult.run(
                ["directory", "import", path, "--dry-run"], environment: ["DIXIAN_DATABASE_URL": endpoint.description],
                workingDirectory: DixianBinary.packageRoot)
            #expect(result.status == 1, "\(result.output)\(result.errorOutput)")
            #expect(!Self.hasControl(result.errorOutput + result.output), "\(result.errorOutput.debugDescription)")
            #expect(result.errorOutput.contains("\\u001B[2Jboss\\u009B1m"), "\(result.errorOutput)")
        }
    }
}
