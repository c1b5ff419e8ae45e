import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The README's "Back up and restore" steps, exactly: `pg_dump -Fc` of the embedded cluster through `dixian db url`,
/// `pg_restore` into an empty cluster, then `dixian migrate --status` and `dixian check`. Every table's row count
/// must come back equal.
@Suite("Backup and restore", .serialized)
struct BackupRestoreTests {
    /// `tool ARGUMENTS…` from `PATH`; fails the test with its stderr when it exits nonzero.
    static func postgresTool(_ tool: String, _ arguments: [String]) async throws {
        let result = try await ToolProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, input: Data())
        #expect(result.status == 0, "\(tool): \(String(decoding: result.errors, as: UTF8.self))")
    }

    /// Every table of the schema with its row count.
    static func rowCounts(_ url: String) async throws -> [String: Int] {
        let endpoint = try DatabaseURL(parsing: url).endpoint(password: nil)
        return try await TestDatabase.withClient(endpoint) { client in
            var tables: [String] = []
            for try await table in try await client.query(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).decode(String.self) {
                tables.append(table)
            }
            var counts: [String: Int] = [:]
            for table in tables {
                // Table names come from the catalogue, quoted by quote_ident: nothing from outside reaches the SQL.
                for try await count in try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::bigint FROM \(table)")).decode(Int64.self) {
                    counts[table] = Int(count)
                }
            }
            return counts
        }
    }

    @Test("a demo database dumped with pg_dump -Fc and restored into an empty cluster has every table's rows; migrate --status and check pass")
    func dumpAndRestore() async throws {
        let work = try makeWorkDirectory("backup")
        let source = work + "/var", target = work + "/restore"
        defer {
            _ = try? CommandResult.runBlocking(["db", "stop", "--state-dir", source])
            _ = try? CommandResult.runBlocking(["db", "stop", "--state-dir", target])
        }
        let root = DixianBinary.packageRoot
        // Running, as under the service: a command alone starts the cluster for itself and stops it after.
        for arguments in [
            ["db", "start"], ["migrate"], ["directory", "import", "config/demo/org_units.csv"], ["directory", "import", "config/demo/officials.csv"],
            ["ledger", "add", "--campaign", "assessment_feedback", "--group", "控辍保学专班", "--unit", "149721101000",
             "--lead-unit", "镇教育办", "--responsible", "李某", "--problem", "个别适龄儿童未入学", "--measure", "逐户劝返"],
            ["ledger", "progress", "WT00000001", "--text", "完成摸排"],
        ] {
            let result = try await CommandResult.run(arguments + ["--state-dir", source], workingDirectory: root)
            #expect(result.status == 0, "\(arguments): \(result.errorOutput)")
        }
        let sourceURL = try await CommandResult.run(["db", "url", "--state-dir", source]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        try await Self.postgresTool("pg_dump", ["-Fc", "--no-owner", "-d", sourceURL, "-f", work + "/dixian.dump"])

        #expect(try await CommandResult.run(["db", "start", "--state-dir", target]).status == 0)
        let targetURL = try await CommandResult.run(["db", "url", "--state-dir", target]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await Self.rowCounts(targetURL).isEmpty, "the new cluster's database is empty")
        try await Self.postgresTool("pg_restore", ["--no-owner", "--exit-on-error", "-d", targetURL, work + "/dixian.dump"])

        let status = try await CommandResult.run(["migrate", "--status", "--state-dir", target])
        #expect(status.status == 0 && status.output.contains("0008") && !status.output.contains("pending"), "\(status.output)\(status.errorOutput)")
        let check = try await CommandResult.run(["check", "--state-dir", target], workingDirectory: root)
        #expect(check.status == 0, "\(check.output)\(check.errorOutput)")

        let before = try await Self.rowCounts(sourceURL)
        let after = try await Self.rowCounts(targetURL)
        #expect(before.count > 20 && (before["public.officials"] ?? 0) == 800 && (before["public.ledger_progress"] ?? 0) == 1, "\(before)")
        #expect(after == before, "table by table")
    }
}
