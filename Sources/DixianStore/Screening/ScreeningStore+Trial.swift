import DixianDatasets
import DixianScreening
import Foundation
import Logging
import NIOCore
import PostgresNIO

extension ScreeningStore {
    /// A condition evaluated by PostgreSQL over `rows` loaded into a scratch table (joined with the stored
    /// register when the dataset has resident IDs), in a transaction that is rolled back: nothing stored changes.
    /// One result per row, in the rows' order; nil is data missing.
    public func trial(_ condition: SQLFragment, layout: DatasetTableLayout, rows: [DatasetRow]) async throws -> [Bool?] {
        do {
            _ = try await client.withStoreTransaction(
                failing: .screeningFailed, "规则试算失败 (rule trial failed)", logger: logger
            ) { connection in
                throw TrialRollback(results: try await Self.trial(condition, layout: layout, rows: rows, connection, logger: logger))
            }
            return []
        } catch let rollback as TrialRollback {
            return rollback.results
        }
    }

    private struct TrialRollback: Error {
        var results: [Bool?]
    }

    private static func trial(
        _ condition: SQLFragment, layout: DatasetTableLayout, rows: [DatasetRow], _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Bool?] {
        let names = layout.dataset.columns.map(\.name)
        guard names.allSatisfy(DatasetStore.isPlainIdentifier) else {
            throw StoreError(.screeningFailed, "列名只能由小写字母、数字和下划线组成 (invalid column name)")
        }
        let columns = layout.dataset.columns.map { "\(SQLNaming.quoted($0.name)) \(DatasetTableLayout.sqlType($0.kind))" }
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TEMP TABLE dixian_trial (\"position\" integer, \(columns.joined(separator: ", ")))"),
            logger: logger)
        try await connection.copyFrom(table: "dixian_trial", columns: ["position"] + names, logger: logger) { writer in
            var buffer = ByteBuffer()
            for (position, row) in rows.enumerated() {
                CopyTextFormat.append([String(position)] + row.values.map(CopyTextFormat.text), to: &buffer)
            }
            try await writer.write(buffer)
        }
        let joins =
            names.contains(RegisterField.joinColumn)
            ? " LEFT JOIN reg_persons p ON p.resident_id = d.resident_id LEFT JOIN reg_households h ON h.household_id = p.household_id"
            : ""
        let query = PostgresQuery(
            unsafeSQL: "SELECT (\(condition.text)) FROM dixian_trial d\(joins) ORDER BY d.\"position\"",
            binds: condition.postgresBindings)
        var results: [Bool?] = []
        for try await result in try await connection.query(query, logger: logger).decode(Bool?.self) { results.append(result) }
        return results
    }
}
