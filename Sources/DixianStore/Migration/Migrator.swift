import Logging
import PostgresNIO

/// Applies the versioned migrations, safely from any number of replicas at once.
///
/// Everything happens in one transaction that first takes `pg_advisory_xact_lock`: a second
/// replica starting at the same moment waits on the lock, then finds the work done. The lock is
/// released by COMMIT or by the session ending, so a crash mid-migration leaves nothing held and
/// nothing half applied.
public struct Migrator: Sendable {
    /// The advisory lock key, "dixian" in ASCII plus 1; shared by every dixian build.
    public static let lockKey: Int64 = 0x0064_6978_6961_6E01

    public var migrations: [Migration]

    public init(migrations: [Migration] = MigrationCatalog.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies pending migrations and returns those applied by this call (empty when current).
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [Migration] {
        do {
            return try await self.migrateInTransaction(client: client, logger: logger)
        } catch let error as PostgresTransactionError {
            // Our own errors come back wrapped; callers and operators want the cause itself.
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    private func migrateInTransaction(client: PostgresClient, logger: Logger) async throws -> [Migration] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await self.createBookkeeping(connection, logger: logger)
            let applied = try await self.appliedRows(connection, logger: logger)
            try self.verifyUnchanged(applied)
            var done: [Migration] = []
            for migration in self.migrations where applied[migration.version] == nil {
                try await self.apply(migration, connection, logger: logger)
                done.append(migration)
            }
            return done
        }
    }

    /// The state of every migration known to the binary or recorded in the database.
    public func status(client: PostgresClient, logger: Logger) async throws -> [MigrationStatus] {
        let applied = try await client.withConnection { connection in
            try await self.createBookkeeping(connection, logger: logger)
            return try await self.appliedRows(connection, logger: logger)
        }
        var result = self.migrations.map { migration -> MigrationStatus in
            guard let row = applied[migration.version] else {
                return MigrationStatus(version: migration.version, name: migration.name, state: .pending)
            }
            let state: MigrationStatus.State = row.checksum == migration.checksum ? .applied : .changed
            return MigrationStatus(version: migration.version, name: migration.name, state: state, appliedAt: row.appliedAt)
        }
        let known = Set(self.migrations.map(\.version))
        for (version, row) in applied where !known.contains(version) {
            result.append(MigrationStatus(version: version, name: row.name, state: .unknown, appliedAt: row.appliedAt))
        }
        return result.sorted { $0.version < $1.version }
    }

    /// The highest version recorded in the database, or 0 for an empty one.
    public static func currentVersion(client: PostgresClient, logger: Logger) async throws -> Int {
        let rows = try await client.query(
            "SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger
        )
        for try await version in rows.decode(Int.self) { return version }
        return 0
    }

    private struct AppliedRow {
        var name: String
        var checksum: String
        var appliedAt: String
    }

    private func createBookkeeping(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            logger: logger
        )
    }

    private func appliedRows(_ connection: PostgresConnection, logger: Logger) async throws -> [Int: AppliedRow] {
        let rows = try await connection.query(
            "SELECT version, name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZ') FROM schema_migrations",
            logger: logger
        )
        var result: [Int: AppliedRow] = [:]
        for try await (version, name, checksum, appliedAt) in rows.decode((Int, String, String, String).self) {
            result[version] = AppliedRow(name: name, checksum: checksum, appliedAt: appliedAt)
        }
        return result
    }

    private func verifyUnchanged(_ applied: [Int: AppliedRow]) throws {
        for migration in self.migrations {
            guard let row = applied[migration.version], row.checksum != migration.checksum else { continue }
            throw StoreError(
                .migrationChanged,
                "迁移 \(migration.version) (\(migration.name)) 在应用后被修改;请新增迁移而不要修改旧迁移 "
                    + "(migration changed after it was applied; add a new migration instead)",
                context: ["applied_checksum": row.checksum, "binary_checksum": migration.checksum]
            )
        }
    }

    private func apply(_ migration: Migration, _ connection: PostgresConnection, logger: Logger) async throws {
        logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
        do {
            // One statement per query (PostgresNIO speaks only the extended protocol); the
            // surrounding transaction keeps the whole file all-or-nothing.
            for statement in SQLScript.statements(migration.sql) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        } catch {
            throw StoreError(
                .migrationFailed,
                "迁移 \(migration.version) (\(migration.name)) 失败 (migration failed): \(StoreError.explain(error))"
            )
        }
        try await connection.query(
            """
            INSERT INTO schema_migrations (version, name, checksum)
            VALUES (\(migration.version), \(migration.name), \(migration.checksum))
            """,
            logger: logger
        )
    }
}
