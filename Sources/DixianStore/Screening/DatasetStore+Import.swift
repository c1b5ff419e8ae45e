import DixianCore
import DixianDatasets
import DixianScreening
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One validated file to write (导入批次).
public struct DatasetImport: Sendable {
    public var layout: DatasetTableLayout
    public var rows: [DatasetRow]
    /// `YYYY-MM`, required for a periodic dataset; nil for the register.
    public var period: String?
    /// As given; stored and logged with ID numbers masked.
    public var fileName: String
    public var sha256: String
    /// Rows left out with `--skip-invalid`.
    public var skippedRows: Int
    public var actor: String
    /// `cli`, `http` or `demo`.
    public var channel: String
    public var at: Date

    public init(
        layout: DatasetTableLayout, rows: [DatasetRow], period: String?, fileName: String, sha256: String,
        skippedRows: Int, actor: String, channel: String, at: Date
    ) {
        self.layout = layout
        self.rows = rows
        self.period = period
        self.fileName = fileName
        self.sha256 = sha256
        self.skippedRows = skippedRows
        self.actor = actor
        self.channel = channel
        self.at = at
    }
}

/// What an import wrote.
public struct DatasetImportResult: Sendable, Hashable, Encodable {
    public var importID: Int64
    public var rows: Int
    /// Register: rows that were new; datasets: every row.
    public var inserted: Int
    /// Register: rows that existed and were updated.
    public var updated: Int
    /// Datasets: the batch of the same period this one replaced.
    public var replacedImportID: Int64?
}

extension DatasetStore {
    /// Writes `batch` in one transaction: the batch record; for a periodic dataset, the period's old rows
    /// deleted and the new ones copied in (COPY); for the register, COPY into a staging table and an upsert by
    /// key; and an audit entry. Nothing is written when anything fails.
    public func write(_ batch: DatasetImport) async throws -> DatasetImportResult {
        try await client.withStoreTransaction(
            failing: .datasetFailed, "数据导入失败 (import failed)", logger: logger
        ) { connection in
            try await Self.lockTables(connection, logger: logger)
            let problems = try await Self.ensure(batch.layout, connection, logger: logger)
            guard problems.isEmpty else { throw StoreError(.datasetSchema, problems.joined(separator: "\n")) }
            let importID = try await Self.insertBatch(batch, connection, logger: logger)
            var result: DatasetImportResult
            if batch.layout.mode == .periodic {
                // The period's old rows go and the new ones are copied straight in: the transaction keeps it whole.
                result = try await Self.replacePeriod(batch, importID: importID, connection, logger: logger)
                try await Self.copy(
                    Self.oneChunk(batch.rows), layout: batch.layout, period: batch.period, importID: importID,
                    into: batch.layout.tableName, connection, logger: logger)
            } else {
                try await connection.query(
                    PostgresQuery(unsafeSQL: """
                        CREATE TEMP TABLE dixian_stage (LIKE \(SQLNaming.quoted(batch.layout.tableName)) INCLUDING DEFAULTS) \
                        ON COMMIT DROP
                        """),
                    logger: logger)
                try await Self.copy(
                    Self.oneChunk(batch.rows), layout: batch.layout, period: batch.period, importID: importID,
                    into: "dixian_stage", connection, logger: logger)
                result = try await Self.upsert(batch, connection, logger: logger)
            }
            result.importID = importID
            try await Self.audit(batch, result, connection, logger: logger)
            return result
        }
    }

    static func insertBatch(_ batch: DatasetImport, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let fileName = PersonalDataMask.maskingIDNumbers(in: batch.fileName)
        let rows = try await connection.query(
            """
            INSERT INTO data_imports (target, period, file_name, sha256, row_count, skipped_rows, actor, channel, imported_at)
            VALUES (\(batch.layout.target), \(batch.period), \(fileName), \(batch.sha256), \(batch.rows.count),
                    \(batch.skippedRows), \(batch.actor), \(batch.channel), \(batch.at))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError(.datasetFailed, "导入批次未记录 (import batch not recorded)")
    }

    /// Rows already in memory, as the one chunk of a feed.
    static func oneChunk(_ rows: [DatasetRow]) -> AsyncStream<[DatasetRow]> {
        AsyncStream { feed in
            feed.yield(rows)
            feed.finish()
        }
    }

    /// COPY of every row of every chunk, as they come, into `table` (the dataset's own, or the register's staging
    /// twin).
    static func copy(
        _ chunks: AsyncStream<[DatasetRow]>, layout: DatasetTableLayout, period: String?, importID: Int64, into table: String,
        _ connection: PostgresConnection, logger: Logger
    ) async throws {
        // PostgresNIO double-quotes the names without escaping them: only plain identifiers may pass.
        let columns = layout.systemColumns.map(\.name) + layout.dataset.columns.map(\.name)
        guard columns.allSatisfy(Self.isPlainIdentifier), Self.isPlainIdentifier(table) else {
            throw StoreError(.datasetFailed, "列名只能由小写字母、数字和下划线组成 (invalid column name)")
        }
        let importText = String(importID)
        // Only a periodic dataset's rows carry the period and their row number.
        let period = layout.mode == .periodic ? period : nil
        if layout.mode == .periodic && period == nil {
            throw StoreError(.datasetFailed, "按期数据集需要期别 (a periodic dataset needs a period)")
        }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 17)
            for await rows in chunks {
                for row in rows {
                    CopyTextFormat.appendRow(
                        importID: importText, period: period.map { ($0, row.number) }, values: row.values, to: &buffer)
                    if buffer.readableBytes >= 1 << 16 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func replacePeriod(
        _ batch: DatasetImport, importID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> DatasetImportResult {
        let table = SQLNaming.quoted(batch.layout.tableName)
        var replaced: Int64?
        let rows = try await connection.query(
            """
            UPDATE data_imports SET replaced_by = \(importID)
             WHERE target = \(batch.layout.target) AND period = \(batch.period) AND id <> \(importID) AND replaced_by IS NULL
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { replaced = max(replaced ?? id, id) }
        try await connection.query(
            PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE period = $1", binds: bindings(batch.period)), logger: logger)
        return DatasetImportResult(importID: importID, rows: batch.rows.count, inserted: batch.rows.count, updated: 0, replacedImportID: replaced)
    }

    private static func upsert(_ batch: DatasetImport, _ connection: PostgresConnection, logger: Logger) async throws -> DatasetImportResult {
        let layout = batch.layout
        let table = SQLNaming.quoted(layout.tableName)
        let columns = ["import_id"] + layout.quotedColumns
        let key = layout.dataset.key.map(SQLNaming.quoted).joined(separator: ", ")
        let assignments = columns.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        let list = columns.joined(separator: ", ")
        let sql = """
            WITH written AS (
                INSERT INTO \(table) (\(list)) SELECT \(list) FROM dixian_stage
                ON CONFLICT (\(key)) DO UPDATE SET \(assignments)
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted)::int8, count(*)::int8 FROM written
            """
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        for try await (inserted, total) in rows.decode((Int64, Int64).self) {
            return DatasetImportResult(importID: 0, rows: Int(total), inserted: Int(inserted), updated: Int(total - inserted))
        }
        throw StoreError(.datasetFailed, "写入未返回计数 (upsert returned nothing)")
    }

    static func audit(
        _ batch: DatasetImport, _ result: DatasetImportResult, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let details = String(decoding: try JSONSerialization.data(withJSONObject: [
            "target": batch.layout.target, "period": batch.period ?? "", "rows": result.rows,
            "import_id": result.importID, "sha256": batch.sha256, "skipped_rows": batch.skippedRows,
        ], options: [.sortedKeys]), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_log (at, actor, channel, action, details)
            VALUES (\(batch.at), \(batch.actor), \(batch.channel), 'data_import', \(details)::jsonb)
            """, logger: logger)
    }

    private static func bindings(_ values: String?...) -> PostgresBindings {
        var result = PostgresBindings()
        for value in values { result.append(value) }
        return result
    }

    /// The household ids the register holds, for checking a persons file imported on its own.
    public func registeredHouseholdIDs() async throws -> Set<String> {
        try await client.withStoreConnection(failing: .datasetFailed, "人口台账查询失败 (register query failed)") { connection in
            let exists = try await connection.query("SELECT to_regclass('reg_households') IS NOT NULL", logger: logger)
            for try await present in exists.decode(Bool.self) where !present { return [] }
            var ids: Set<String> = []
            let rows = try await connection.query("SELECT household_id FROM reg_households", logger: logger)
            for try await id in rows.decode(String.self) { ids.insert(id) }
            return ids
        }
    }
}
