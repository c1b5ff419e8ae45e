#if canImport(Glibc)
import Glibc
#endif
import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Issue 20's first step: a bureau's override kept in PostgreSQL, through `dixian plugins override …` as a real
/// process, and a running daemon that reloads when the county office approves (NOTIFY), with no SIGHUP.
@Suite("Stored plugin overrides: submit, check, approve, every daemon reloads", .serialized)
struct StoredOverrideTests {
    static let educationContact = "LC00010"
    static let healthContact = "LC00012"
    static let countyOffice = "LC00005"
    static let valid = "format_version: 1\nparameters:\n  send_teaching_visits_per_month: 3\n"
    static let outOfRange = "format_version: 1\nparameters:\n  send_teaching_visits_per_month: 12\n"

    @Test("out of range refused at its line and column; others' sectors and self-approval refused; approval reaches a running daemon")
    func submitApproveReload() async throws {
        try await LedgerCommandTests.withCLI { cli in
            func override(_ arguments: String...) async throws -> CommandResult {
                try await CommandResult.run(["plugins", "override"] + arguments + ["--config", cli.config])
            }
            func write(_ text: String, _ name: String) throws -> String {
                try text.write(toFile: cli.work + "/" + name, atomically: true, encoding: .utf8)
                return cli.work + "/" + name
            }
            let daemon = try DaemonProcess(["serve", "--config", cli.config, "--listen", "127.0.0.1:0"], logPath: cli.work + "/daemon.log")
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(120)), "log:\n\(daemon.excerpt)")
            #expect(try #require(await HTTPProbe.get(address, "/readyz")).body.contains(#""plugin_overrides":{}"#))

            // Out of range: the loader's own message, at line 3 inside the submitted text; nothing stored.
            let refused = try await override("set", "education", try write(Self.outOfRange, "bad.yaml"), "--by", Self.educationContact)
            #expect(refused.status == 1)
            #expect(refused.errorOutput.contains("数据库覆盖配置 education v1:3:"), "\(refused.errorOutput)")
            let none = try await override("history", "education", "--format", "json").output
            #expect((try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [Any])?.isEmpty == true, "nothing stored: \(none)")

            // Another sector's bureau may not write education's override.
            let foreign = try await override("set", "education", try write(Self.valid, "good.yaml"), "--by", Self.healthContact)
            #expect(foreign.status == 1 && foreign.errorOutput.contains("不能修改"), "\(foreign.errorOutput)")

            let submitted = try await override("set", "education", cli.work + "/good.yaml", "--by", Self.educationContact)
            #expect(submitted.status == 0 && submitted.output.contains("第 1 版"), "\(submitted.output)\(submitted.errorOutput)")
            let own = try await override("approve", "education", "1", "--by", Self.educationContact)
            #expect(own.status == 1, "a bureau does not approve, least of all its own version")
            #expect(!daemon.log.contains("数据库覆盖配置生效"), "a pending version is not in force")

            let approved = try await override("approve", "education", "1", "--by", Self.countyOffice, "--comment", "同意")
            #expect(approved.status == 0, "\(approved.errorOutput)")
            // No SIGHUP: the approval's NOTIFY reaches the daemon, which reloads with version 1.
            #expect(await daemon.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(30)), "log:\n\(daemon.excerpt)")
            let line = daemon.log.split(separator: "\n").first { $0.contains("数据库覆盖配置生效") }
            #expect(line?.contains("plugin=education") == true && line?.contains("version=1") == true, "\(String(describing: line))")
            let ready = try #require(await HTTPProbe.get(address, "/readyz")).body
            #expect(ready.contains(#""plugin_overrides":{"education":1}"#), "/readyz names the version this replica runs: \(ready)")

            let history = try await override("history", "education", "--format", "json")
            let versions = try #require(try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [[String: Any]])
            #expect(versions.map { $0["state"] as? String } == ["approved"])
            #expect(versions.first?["decided_by"] as? String == Self.countyOffice && versions.first?["comment"] as? String == "同意")

            // A second version, then the difference between them, line by line.
            _ = try await override("set", "education", try write(Self.valid.replacingOccurrences(of: ": 3", with: ": 4"), "v2.yaml"), "--by", Self.educationContact)
            let diff = try await override("diff", "education", "1", "2")
            #expect(diff.output.contains("-  send_teaching_visits_per_month: 3\n+  send_teaching_visits_per_month: 4"), "\(diff.output)")

            // An override file for the plugin takes precedence: the stored versions cannot be submitted then.
            try FileManager.default.createDirectory(atPath: cli.work + "/plugins.d", withIntermediateDirectories: true)
            _ = try write(Self.valid, "plugins.d/education.yaml")
            let managed = try await override("set", "education", cli.work + "/good.yaml", "--by", Self.educationContact)
            #expect(managed.status == 1 && managed.errorOutput.contains("由服务器上的覆盖配置文件"), "\(managed.errorOutput)")

            let audit = try #require(try await ConsoleSignInTests.value(
                cli.endpoint, "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE action LIKE 'plugin_override%'"))
            #expect(audit == "plugin_override_proposed,plugin_override_approved,plugin_override_loaded,plugin_override_proposed", "the daemon's reload onto version 1 is audited")
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(60)) == 0, "log:\n\(daemon.excerpt)")
        }
    }
}
