import DixianTestSupport
import Foundation
import Testing

/// `dixian directory check`: who the plan cannot reach, on the demo county.
@Suite("dixian directory check, end to end")
struct DirectoryCheckTests {
    /// `<work>/dixian.yaml` naming the shipped plugins and holidays, with `plugins.d/employment.yaml`
    /// holding `override` when given.
    static func configuration(_ prefix: String, override: String?) throws -> String {
        let work = try makeWorkDirectory(prefix)
        try FileManager.default.createDirectory(atPath: work + "/plugins.d", withIntermediateDirectories: true)
        let root = DixianBinary.packageRoot
        try "plugins:\n  dir: \(root)/plugins\nschedule:\n  holidays_dir: \(root)/config/holidays\n"
            .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        if let override {
            try ("format_version: 1\n" + override).write(toFile: work + "/plugins.d/employment.yaml", atomically: true, encoding: .utf8)
        }
        return work + "/dixian.yaml"
    }

    @Test("with email and chat everyone is reachable: exit 0")
    func everyoneReachable() async throws {
        let result = try await CommandResult.run(["directory", "check", "--demo", "--config", try Self.configuration("reach-all", override: nil)])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("全部可送达"), "\(result.output)")
    }

    @Test("an email-only plugin lists the officials without an address: exit 1")
    func emailOnlyListed() async throws {
        let config = try Self.configuration("reach-email", override: "channels: [email]\n")
        let result = try await CommandResult.run(["directory", "check", "--demo", "--config", config])
        #expect(result.status == 1, "\(result.output)\n\(result.errorOutput)")
        #expect(result.output.contains("employment."), "\(result.output)")
        #expect(result.output.contains("无法送达"), "\(result.output)")
        let json = try await CommandResult.run(["directory", "check", "--demo", "--format", "json", "--config", config])
        let entries = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect((entries?.count ?? 0) > 0)
        #expect(entries?.allSatisfy { ($0["duty_id"] as? String)?.hasPrefix("employment.") == true } == true, "\(json.output)")

        let fallback = try Self.configuration("reach-fallback", override: "channels: [email]\nfallback_channels: [chat]\n")
        let fixed = try await CommandResult.run(["directory", "check", "--demo", "--config", fallback])
        #expect(fixed.status == 0, "\(fixed.output)\n\(fixed.errorOutput)")
    }
}
