#if canImport(Glibc)
import Glibc
#endif
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// A replica whose plugins differ (an older or newer `education` allowing at most 2 visits) cannot load a version the
/// others load: it stays on its previous set, `/readyz` warns naming the version, and the console's list of replicas
/// shows it behind.
@Suite("Stored plugin overrides: a replica that cannot load an approved version keeps its set and says so", .serialized)
struct StoredOverrideRefusedTests {
    @Test("one replica loads version 1, the other keeps its set with a readiness warning naming it")
    func refusedOnOneReplica() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let work = try makeWorkDirectory("override-refused")
            // The second replica's education plugin allows at most 2 visits a month.
            let plugins = work + "/plugins"
            try FileManager.default.copyItem(atPath: DixianBinary.packageRoot + "/plugins", toPath: plugins)
            let manifest = plugins + "/education/plugin.yaml"
            let text = try String(contentsOfFile: manifest, encoding: .utf8)
            let narrowed = text.replacingOccurrences(of: "    default: 2\n    min: 1\n    max: 8\n", with: "    default: 2\n    min: 1\n    max: 2\n")
            #expect(narrowed != text, "the fixture narrows send_teaching_visits_per_month")
            try narrowed.write(toFile: manifest, atomically: true, encoding: .utf8)
            let environment = ["DIXIAN_DATABASE_URL": endpoint.description]
            var replicas: [DaemonProcess] = []
            defer { replicas.forEach { $0.kill() } }
            for (index, directory) in [DixianBinary.packageRoot + "/plugins", plugins].enumerated() {
                let config = work + "/dixian\(index).yaml"
                try "plugins:\n  dir: \(directory)\nschedule:\n  enabled: false\nnotify:\n  enabled: false\n".write(toFile: config, atomically: true, encoding: .utf8)
                let replica = try DaemonProcess(
                    ["serve", "--config", config, "--state-dir", work + "/var\(index)", "--listen", "127.0.0.1:0"],
                    environment: environment, logPath: work + "/daemon\(index).log")
                replicas.append(replica)
            }
            var addresses: [String] = []
            for replica in replicas { addresses.append(try #require(await replica.httpAddress(timeout: .seconds(120)), "\(replica.excerpt)")) }

            let file = work + "/education.yaml"
            try StoredOverrideTests.valid.write(toFile: file, atomically: true, encoding: .utf8)
            for arguments in [["set", "education", file, "--by", "LC00010"], ["approve", "education", "1", "--by", "LC00005"]] {
                let result = try await CommandResult.run(["plugins", "override"] + arguments + ["--config", work + "/dixian0.yaml"], environment: environment)
                #expect(result.status == 0, "\(result.errorOutput)")
            }
            #expect(await replicas[0].waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)), "\(replicas[0].excerpt)")
            #expect(await replicas[1].waitForLog("新配置无效,继续使用原配置", timeout: .seconds(60)), "\(replicas[1].excerpt)")
            #expect(replicas[1].log.contains("数据库覆盖配置 education v1:3:"), "the error at its line inside the stored text")

            let loaded = try #require(await HTTPProbe.get(addresses[0], "/readyz")).body
            #expect(loaded.contains(#""plugin_overrides":{"education":1}"#), "\(loaded)")
            let refused = try #require(await HTTPProbe.get(addresses[1], "/readyz"))
            #expect(refused.body.contains(#""plugin_overrides":{}"#) && refused.body.contains("数据库覆盖配置 education v1"), "\(refused.body)")
            #expect(refused.status == 200, "a warning, not a failure: the replica goes on with its previous set")

            // The console lists both: one on version 1, one behind.
            let office = try await ConsoleOverviewTests.signIn("LC00005", endpoint, addresses[0])
            let page = try office.get("/console/plugins/education/override").body
            let rows = page.components(separatedBy: "<dt>实例 ").dropFirst().map { $0.components(separatedBy: "</dd>")[0] }
            #expect(rows.filter { $0.hasSuffix("第 1 版") }.count == 1 && rows.filter { $0.contains("尚未加载现行版本") }.count == 1, "\(rows)")
            for replica in replicas { replica.send(SIGTERM) }
            for replica in replicas { _ = await replica.waitForExit(timeout: .seconds(30)) }
        }
    }
}
