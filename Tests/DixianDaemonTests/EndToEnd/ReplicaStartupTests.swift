#if canImport(Glibc)
import Glibc
#endif
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Replicas and migrations, end to end")
struct ReplicaStartupTests {
    @Test("two daemons started at the same moment on one empty database both come up; migrations ran once")
    func twoReplicas() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("replicas")
            let environment = ["DIXIAN_DATABASE_URL": endpoint.description]
            let daemons = try (0..<2).map { index in
                try DaemonProcess(
                    ["serve", "--state-dir", work + "/var\(index)", "--listen", "127.0.0.1:0"],
                    environment: environment, logPath: work + "/daemon\(index).log"
                )
            }
            defer { daemons.forEach { $0.kill() } }
            for daemon in daemons {
                let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
                #expect(await HTTPProbe.get(address, "/readyz")?.status == 200)
            }
            try await TestDatabase.withClient(endpoint) { client in
                let rows = try await client.query("SELECT count(*), count(DISTINCT version) FROM schema_migrations")
                for try await (total, distinct) in rows.decode((Int, Int).self) {
                    #expect(total == MigrationCatalog.all.count)
                    #expect(distinct == MigrationCatalog.all.count)
                }
                let instances = try await client.query("SELECT count(*) FROM daemon_instances WHERE stopped_at IS NULL")
                for try await count in instances.decode(Int.self) { #expect(count == 2) }
            }
            let migrated = daemons.filter { $0.log.contains("migrations applied") }
            #expect(migrated.count == 1)
            for daemon in daemons {
                daemon.send(SIGTERM)
                // Generous: the whole suite runs in parallel on two cores (systemd allows 90 s).
                #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "log:\n\(daemon.excerpt)")
            }
        }
    }

    @Test("dixian migrate --status shows pending, migrate applies, status shows applied")
    func migrateCommand() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let environment = ["DIXIAN_DATABASE_URL": endpoint.description]
            let before = try await CommandResult.run(["migrate", "--status"], environment: environment)
            #expect(before.status == 0, "\(before.errorOutput)")
            #expect(before.output.contains("pending"))
            let apply = try await CommandResult.run(["migrate"], environment: environment)
            #expect(apply.status == 0, "\(apply.errorOutput)")
            #expect(apply.output.contains("0001") || apply.output.contains("applied) 1"))
            let after = try await CommandResult.run(["migrate", "--status"], environment: environment)
            #expect(after.output.contains("applied"))
            #expect(!after.output.contains("pending"))
            let again = try await CommandResult.run(["migrate"], environment: environment)
            #expect(again.output.contains("up to date"))
        }
    }
}
