import DixianCore
import DixianDatasets
import Foundation
import Logging
import PostgresNIO

/// The population register and the sector datasets in PostgreSQL: their tables, created and migrated from the
/// declarations, and imports written whole or not at all.
public struct DatasetStore: Sendable {
    /// Serialises imports of one target across replicas and CLI runs: "dixian" in ASCII plus 6.
    static let importLockKey: Int64 = 0x0064_6978_6961_6E06

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Creates the tables that do not exist and adds the columns a declaration gained. A type change is
    /// refused for that table, naming the declaration's file:line:column; other tables are still brought up
    /// to date. Drops nothing.
    public func ensureTables(_ layouts: [DatasetTableLayout]) async throws {
        var problems: [String] = []
        for layout in layouts {
            try await client.withStoreTransaction(
                failing: .datasetFailed, "数据表迁移失败 (dataset table migration failed)", logger: logger
            ) { connection in
                try await Self.lockTables(connection, logger: logger)
                problems += try await Self.ensure(layout, connection, logger: logger)
            }
        }
        guard problems.isEmpty else {
            throw StoreError(.datasetSchema, problems.joined(separator: "\n"))
        }
    }

    static func lockTables(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(importLockKey))", logger: logger)
    }

    static func ensure(_ layout: DatasetTableLayout, _ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var existing: [String: String] = [:]
        let rows = try await connection.query(
            """
            SELECT column_name, data_type FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = \(layout.tableName)
            """, logger: logger)
        for try await (name, type) in rows.decode((String, String).self) { existing[name] = type }
        let statements: [String]
        if existing.isEmpty {
            statements = layout.createStatements
        } else {
            let migration = layout.migration(from: existing)
            guard migration.incompatible.isEmpty else {
                let place = layout.dataset.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
                return migration.incompatible.map { "\(place)数据集 \(layout.target)：\($0)" }
            }
            statements = migration.statements
        }
        for statement in statements {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        let columns = String(
            decoding: try JSONEncoder().encode(layout.dataset.columns.map { [$0.name, DatasetTableLayout.sqlType($0.kind)] }),
            as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO dataset_tables (target, table_name, columns, updated_at)
            VALUES (\(layout.target), \(layout.tableName), \(columns)::jsonb, now())
            ON CONFLICT (target) DO UPDATE SET columns = EXCLUDED.columns, updated_at = EXCLUDED.updated_at
             WHERE dataset_tables.columns <> EXCLUDED.columns
            """, logger: logger)
        if !statements.isEmpty {
            logger.info("数据表已更新 (dataset table updated)", metadata: ["table": "\(layout.tableName)", "statements": "\(statements.count)"])
        }
        return []
    }
}

extension StoreError.Code {
    public static let datasetFailed = StoreError.Code(description: "dataset_failed")
    /// A declaration changed a stored column's type.
    public static let datasetSchema = StoreError.Code(description: "dataset_schema")
}
