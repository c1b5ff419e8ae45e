import DixianStore
import Foundation
import PostgresNIO

extension BenchmarkSeed {
    /// Writes `count` sent messages spread evenly over the `months` months before this one, each month into its own
    /// partition as the daemon's would be: the history a province gathers in a year or two (`--history`).
    func insertHistory(_ count: Int, months: Int, client: PostgresClient, progress: @Sendable (String) -> Void) async throws {
        let perMonth = (count + months - 1) / months
        var written = 0
        for back in stride(from: months, through: 1, by: -1) where written < count {
            let rows = min(perMonth, count - written)
            let month = try await client.withTransaction(logger: logger) { connection in
                let months = try await connection.query(
                    """
                    SELECT m::text, ensure_month_partition('outbox', m)
                      FROM (SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => \(back)::int))::date AS m) AS t
                    """, logger: logger)
                var month = ""
                for try await (first, _) in months.decode((String, String?).self) { month = first }
                try await connection.query(
                    """
                    INSERT INTO outbox (key, kind, step, recipient_id, channel, send_at, status, attempts, sent_at,
                                        delivered_as, partition_month)
                    SELECT 'history/' || \(month) || '/' || g, 'reminder', 'r0', \(officialID), 'hook', s, 'sent', 1, s,
                           'history/' || \(month) || '/' || g, \(month)::date
                      FROM generate_series(1, \(rows)) g,
                           LATERAL (SELECT \(month)::date + make_interval(secs => (g % 2419200)) AS s) AS t
                    """, logger: logger)
                return month
            }
            written += rows
            progress("  历史 (history): \(month.prefix(7)) \(rows) 条, 共 \(written)/\(count)")
        }
        try await client.query("ANALYZE outbox", logger: logger)
    }
}
