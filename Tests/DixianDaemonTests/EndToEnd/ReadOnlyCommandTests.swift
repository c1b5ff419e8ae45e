import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Commands that promise to write nothing write nothing, and a command on the embedded defaults says so
/// (issue 21).
@Suite("simulate writes nothing; commands name the defaults they fall back to")
struct ReadOnlyCommandTests {
    /// `<work>/dixian.yaml` with the shipped plugins and holidays, a state directory below `work` and `extra`.
    static func configuration(_ prefix: String, extra: String = "") throws -> (work: String, path: String) {
        let work = try makeWorkDirectory(prefix)
        let root = DixianBinary.packageRoot
        try "state_dir: \(work)/var\nplugins:\n  dir: \(root)/plugins\nschedule:\n  holidays_dir: \(root)/config/holidays\n\(extra)"
            .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        return (work, work + "/dixian.yaml")
    }

    @Test("on a fresh state directory simulate plans the demo county and creates no database (no initdb)")
    func freshStateDirectory() async throws {
        let (work, path) = try Self.configuration("simulate-fresh")
        let result = try await CommandResult.run(
            ["simulate", "--config", path, "--from", "2026-07-01", "--to", "2026-07-31", "--format", "json"], workingDirectory: work)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("内嵌数据库尚未创建"), "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(((report["messages"] as? [Any])?.count ?? 0) > 100)
        #expect(!FileManager.default.fileExists(atPath: work + "/var"), "the state directory was created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work) == ["dixian.yaml"])
    }

    @Test("on a database that was never migrated simulate applies no migration")
    func unmigratedDatabase() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (work, path) = try Self.configuration("simulate-db", extra: "database:\n  url: \"\(endpoint.description)\"\n")
            let result = try await CommandResult.run(
                ["simulate", "--config", path, "--from", "2026-07-01", "--to", "2026-07-31"], workingDirectory: work)
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("共 0 条消息"), "\(result.output)")
            let migrated = try await TestDatabase.withClient(endpoint) { client in
                let rows = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: TestDatabase.logger)
                var exists = true
                for try await value in rows.decode(Bool.self) { exists = value }
                return exists
            }
            #expect(!migrated, "simulate created schema_migrations")
        }
    }

    @Test("without --config or DIXIAN_CONFIG a command says it uses the embedded defaults and ./var, once")
    func defaultsNotice() async throws {
        let result = try await CommandResult.run(["plugins", "list"], workingDirectory: DixianBinary.packageRoot)
        #expect(result.status == 0, "\(result.errorOutput)")
        let notices = result.errorOutput.split(separator: "\n").filter { $0.contains("内置默认配置") }
        #expect(notices == [
            "注意: 未指定 --config 或 DIXIAN_CONFIG, 使用内置默认配置, 状态目录 ./var"
                + " (note: no --config or $DIXIAN_CONFIG: embedded defaults, state directory ./var)",
        ])
        let (_, path) = try Self.configuration("notice-config")
        let configured = try await CommandResult.run(["plugins", "list", "--config", path])
        #expect(!configured.errorOutput.contains("内置默认配置"), "\(configured.errorOutput)")
    }
}
