import Foundation
import Logging
import PostgresNIO

/// The month partitions (按月分区) of occurrences and the outbox (migration 0014): made ahead of the rows that
/// need them, and old outbox months dropped whole once retention has passed.
///
/// Only the planner leader calls these. Each change runs in its own short transaction with a lock timeout of 2 s: making
/// or dropping a partition takes a brief exclusive lock on the parent table, and a busy dispatcher must not wait
/// behind a slow one. Whatever is missed is retried on the next tick; a row whose month has no partition yet goes
/// into the default partition and is never lost.
public struct MonthlyPartitions: Sendable {
    /// The partitioned tables.
    public static let tables = ["occurrences", "outbox"]

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Months made ahead of now: the planning horizon ends within two quarters, so seven months cover every period
    /// start a tick can write.
    public static let monthsAhead = 7
    /// Months kept ready behind now: a yearly duty's period started up to twelve months ago.
    public static let monthsBack = 12

    /// Makes sure both tables have the partitions a planning tick at `now` may write into (``monthsBack`` before
    /// through ``monthsAhead`` after). Returns the partitions created.
    public func prepareForPlanning(around now: Date) async throws -> [String] {
        try await self.prepare(around: now, monthsBack: Self.monthsBack, monthsAhead: Self.monthsAhead)
    }

    /// Makes sure both tables have a partition for every month from `monthsBack` before `now`'s month (UTC) through
    /// `monthsAhead` after it. Returns the partitions created (`outbox_2027_03`); a month whose rows already sit in
    /// the default partition stays there.
    public func prepare(around now: Date, monthsBack: Int, monthsAhead: Int) async throws -> [String] {
        let missing = try await self.missingMonths(around: now, monthsBack: monthsBack, monthsAhead: monthsAhead)
        var created: [String] = []
        for (table, month) in missing {
            let name = try await self.changing { connection in
                let rows = try await connection.query(
                    "SELECT ensure_month_partition(\(table), \(month)::date)", logger: self.logger)
                for try await name in rows.decode(String?.self) { return name }
                return nil
            }
            if let name { created.append(name) }
        }
        return created
    }

    /// Drops every outbox month that ended on or before `cutoff` and holds no message still to be sent. Returns
    /// each dropped month (`2025-09-01`) with the rows it held.
    public func dropSentOutboxMonths(endedBy cutoff: Date) async throws -> [(month: String, rows: Int)] {
        var dropped: [(month: String, rows: Int)] = []
        for month in try await self.outboxMonths(endedBy: cutoff) {
            let held = try await self.changing { connection in
                let rows = try await connection.query("SELECT drop_sent_outbox_month(\(month)::date)", logger: self.logger)
                for try await held in rows.decode(Int64?.self) { return held }
                return nil
            }
            if let held { dropped.append((month, Int(held))) }
        }
        return dropped
    }

    /// The (table, `YYYY-MM-01`) pairs in the range that have no partition.
    private func missingMonths(around now: Date, monthsBack: Int, monthsAhead: Int) async throws -> [(String, String)] {
        try await client.withStoreConnection(failing: .partitionsFailed, Self.failure) { connection in
            let rows = try await connection.query(
                """
                SELECT t, m::date::text
                  FROM unnest(\(Self.tables)::text[]) AS t,
                       generate_series(date_trunc('month', \(now) AT TIME ZONE 'UTC') - make_interval(months => \(monthsBack)::int),
                                       date_trunc('month', \(now) AT TIME ZONE 'UTC') + make_interval(months => \(monthsAhead)::int),
                                       interval '1 month') AS m
                 WHERE to_regclass(t || '_' || to_char(m, 'YYYY_MM')) IS NULL
                 ORDER BY m, t
                """, logger: self.logger)
            var missing: [(String, String)] = []
            for try await row in rows.decode((String, String).self) { missing.append(row) }
            return missing
        }
    }

    /// The months of the outbox's partitions (not the default) that ended on or before `cutoff`, oldest first.
    private func outboxMonths(endedBy cutoff: Date) async throws -> [String] {
        try await client.withStoreConnection(failing: .partitionsFailed, Self.failure) { connection in
            let rows = try await connection.query(
                """
                SELECT m::text FROM (
                    SELECT to_date(right(c.relname, 7), 'YYYY_MM') AS m
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'outbox'::regclass AND c.relname ~ '^outbox_[0-9]{4}_[0-9]{2}$'
                ) AS months
                 WHERE m + interval '1 month' <= (\(cutoff) AT TIME ZONE 'UTC')
                 ORDER BY m
                """, logger: self.logger)
            var months: [String] = []
            for try await month in rows.decode(String.self) { months.append(month) }
            return months
        }
    }

    private func changing<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreTransaction(failing: .partitionsFailed, Self.failure, logger: self.logger) { connection in
            try await connection.query("SET LOCAL lock_timeout = '2s'", logger: self.logger)
            return try await body(connection)
        }
    }

    static let failure = "按月分区维护失败 (partition maintenance failed)"
}

extension StoreError.Code {
    /// Making or dropping a month partition failed (usually a lock that did not come in time).
    public static let partitionsFailed = StoreError.Code(description: "partitions_failed")
}
