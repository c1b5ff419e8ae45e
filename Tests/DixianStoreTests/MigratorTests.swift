import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Migrator against a real PostgreSQL")
struct MigratorTests {
    let logger = TestDatabase.logger

    @Test("migrating twice applies each migration once")
    func idempotent() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let first = try await Migrator().migrate(client: client, logger: self.logger)
                let second = try await Migrator().migrate(client: client, logger: self.logger)
                #expect(first.map(\.version) == MigrationCatalog.all.map(\.version))
                #expect(second.isEmpty)
                #expect(try await Migrator.currentVersion(client: client, logger: self.logger) == MigrationCatalog.latestVersion)
                #expect(try await self.count("SELECT count(*) FROM schema_migrations", client) == MigrationCatalog.all.count)
            }
        }
    }

    @Test("six replicas migrating an empty database at once: each migration runs exactly once")
    func concurrent() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
                            try await Migrator().migrate(client: client, logger: self.logger).map(\.version)
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(applied.sorted() == MigrationCatalog.all.map(\.version))
            let recorded = try await TestDatabase.withClient(endpoint) { client in
                try await self.count("SELECT count(*) FROM schema_migrations", client)
            }
            #expect(recorded == MigrationCatalog.all.count)
        }
    }

    @Test("a migration edited after it was applied is refused, and nothing changes")
    func changedMigration() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let original = Migration(version: 1, name: "one", sql: "CREATE TABLE one (id int)")
                try await Migrator(migrations: [original]).migrate(client: client, logger: self.logger)
                let edited = Migration(version: 1, name: "one", sql: "CREATE TABLE one (id bigint)")
                let added = Migration(version: 2, name: "two", sql: "CREATE TABLE two (id int)")
                await #expect(throws: StoreError.self) {
                    try await Migrator(migrations: [edited, added]).migrate(client: client, logger: self.logger)
                }
                #expect(try await self.count("SELECT count(*) FROM pg_tables WHERE tablename = 'two'", client) == 0)
                let status = try await Migrator(migrations: [edited, added]).status(client: client, logger: self.logger)
                #expect(status.map(\.state) == [.changed, .pending])
            }
        }
    }

    @Test("a failing migration rolls back whole and names itself")
    func failingMigration() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let broken = Migration(version: 1, name: "broken", sql: "CREATE TABLE a (id int); CREATE TABLE a (id int);")
                let error = await #expect(throws: StoreError.self) {
                    try await Migrator(migrations: [broken]).migrate(client: client, logger: self.logger)
                }
                #expect(error?.code == .migrationFailed)
                #expect(error?.message.contains("broken") == true)
                let tables = try await self.count("SELECT count(*) FROM pg_tables WHERE tablename = 'a'", client)
                #expect(tables == 0)
            }
        }
    }

    @Test("status lists versions recorded by a newer binary as unknown")
    func unknownVersions() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let one = Migration(version: 1, name: "one", sql: "SELECT 1")
                let two = Migration(version: 2, name: "two", sql: "SELECT 2")
                try await Migrator(migrations: [one, two]).migrate(client: client, logger: self.logger)
                let status = try await Migrator(migrations: [one]).status(client: client, logger: self.logger)
                #expect(status.map(\.state) == [.applied, .unknown])
            }
        }
    }

    private func count(_ sql: String, _ client: PostgresClient) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: self.logger)
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}
