import DixianTestSupport
import Foundation
import Testing

@Suite("dixian check, end to end")
struct CheckCommandTests {
    @Test("an unknown key and a wrong type: exit 1, each error at its file:line:column")
    func invalidConfiguration() async throws {
        let work = try makeWorkDirectory("check")
        let path = work + "/broken.yaml"
        try "http:\n  lisen: 127.0.0.1:8080\ndatabase:\n  max_connections: many\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await CommandResult.run(["check", "--config", path])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("\(path):2:3"))
        #expect(result.errorOutput.contains("\(path):4:20"))
        #expect(result.errorOutput.contains("2 个错误"))
    }

    @Test("broken YAML: exit 1 naming where the syntax breaks")
    func brokenYAML() async throws {
        let work = try makeWorkDirectory("check")
        let path = work + "/broken.yaml"
        try "log:\n  format: [json\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await CommandResult.run(["check", "--config", path])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("\(path):"))
    }

    @Test("the shipped config/dixian.yaml passes: the overrides directory beside it, stored overrides not read, a one-line summary")
    func shippedConfiguration() async throws {
        let result = try await CommandResult.run(
            ["check", "--config", DixianBinary.packageRoot + "/config/dixian.yaml"], workingDirectory: DixianBinary.packageRoot)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().first?.hasPrefix("数据库覆盖配置: 未读取") == true, "the embedded database is not started to check")
        let overrides = DixianBinary.packageRoot + "/config/plugins.d"
        let expected = "覆盖配置目录 \(overrides) 不存在, 无覆盖配置 (overrides directory \(overrides) missing: no overrides)"
        #expect(lines.first.map(String.init) == expected)
        #expect(lines.last?.hasPrefix("配置有效 (configuration OK)") == true)
    }

    @Test("DIXIAN_CONFIG names the file when --config is absent")
    func environmentConfig() async throws {
        let work = try makeWorkDirectory("check")
        let path = work + "/env.yaml"
        try "timezone: Mars/Olympus\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await CommandResult.run(["check"], environment: ["DIXIAN_CONFIG": path])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("\(path):1:11"))
    }
}
