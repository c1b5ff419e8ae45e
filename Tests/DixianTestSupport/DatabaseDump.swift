import DixianStore
import Foundation
import PostgresNIO

/// Every row of every table of a test database as text, so a bad-input test can prove that a refused
/// input changed nothing: dump before, feed the input, dump after, compare.
///
/// Tables are read in name order and rows in the order of their JSON text, so two dumps of equal data are
/// equal strings. Columns that move by themselves are left out: the instance heartbeat (`daemon_instances`)
/// and `updated_at`/`last_seen_at` stamps are not data a rejected input could have changed.
public enum DatabaseDump {
    /// Columns that change without any input (heartbeats), dropped from each row.
    public static let volatileColumns: Set<String> = ["last_seen_at", "heartbeat_at"]
    /// Tables that change without any input.
    public static let volatileTables: Set<String> = ["daemon_instances"]

    /// The dump of `endpoint`'s public schema.
    public static func text(of endpoint: DatabaseEndpoint) async throws -> String {
        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
            var tables: [String] = []
            let names = try await client.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", logger: TestDatabase.logger)
            for try await name in names.decode(String.self) where !volatileTables.contains(name) { tables.append(name) }
            var lines: [String] = []
            for table in tables {
                lines.append("== \(table)")
                // A table name from pg_tables, quoted as an identifier: never input.
                let query = PostgresQuery(
                    unsafeSQL: "SELECT (to_jsonb(t) - \(volatileColumns.sorted().map { "'\($0)'" }.joined(separator: " - ")))::text AS row"
                        + " FROM public.\"\(table.replacingOccurrences(of: "\"", with: "\"\""))\" t ORDER BY 1")
                for try await row in try await client.query(query, logger: TestDatabase.logger).decode(String.self) {
                    lines.append(row)
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
