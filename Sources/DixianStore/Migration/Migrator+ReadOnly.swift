import Logging
import PostgresNIO

extension StoreError.Code {
    /// The database's schema is older than this binary's: run `dixian migrate` (or start the daemon) first.
    public static let schemaBehind = StoreError.Code(description: "schema_behind")
}

extension Migrator {
    /// The highest applied migration, read without creating or changing anything; nil when the database has
    /// never been migrated (no `schema_migrations` table). For commands that promise to write nothing
    /// (`dixian simulate`, `dixian directory check`), which must not migrate a database as a side effect.
    public static func appliedVersionReadOnly(client: PostgresClient, logger: Logger) async throws -> Int? {
        let rows = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        var exists = false
        for try await value in rows.decode(Bool.self) { exists = value }
        guard exists else { return nil }
        return try await currentVersion(client: client, logger: logger)
    }

    /// Throws ``StoreError/Code/schemaBehind`` unless the schema is at least this binary's latest; nil (or 0)
    /// means the database has no schema yet, which callers treat as an empty directory.
    public static func requireCurrentSchema(_ version: Int?) throws {
        guard let version, version > 0, version < MigrationCatalog.latestVersion else { return }
        throw StoreError(
            .schemaBehind,
            "数据库结构版本为 \(version), 本程序需要 \(MigrationCatalog.latestVersion): 请先运行 dixian migrate 或启动服务"
                + " (schema version \(version), this binary needs \(MigrationCatalog.latestVersion): run dixian migrate or start the service first)",
            context: ["version": String(version), "required": String(MigrationCatalog.latestVersion)])
    }
}
