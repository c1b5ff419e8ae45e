import DixianDaemon
import DixianDirectory
import DixianStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// The rows `dixian bench notify` sends: a one-village synthetic county, one official with an email
/// address, and overdue occurrences of a real duty, each with one reminder due now.
struct BenchmarkSeed: Sendable {
    let dutyID: String
    let unitCode: String
    let officialID: String
    let logger: Logger
    private let serial = Serial()

    /// Imports the synthetic county and picks the duty, unit and recipient.
    static func prepare(client: PostgresClient, running: RunningConfiguration, logger: Logger) async throws -> BenchmarkSeed {
        let province = SyntheticProvince.generate(villages: 1, roles: running.roleCatalogue)
        let directory = DirectoryStore(client: client, logger: logger)
        for (csv, kind) in [(DirectoryCSV.units(province.units), DirectoryFileKind.units),
                            (DirectoryCSV.officials(province.officials, units: province.units), .officials)] {
            let report = try await directory.importFile(Array(csv.utf8), kind: kind, roles: running.roleCatalogue)
            guard report.applied else { throw StoreError(.outboxFailed, "基准目录导入失败 (benchmark import failed): \(report.summary)") }
        }
        guard let duty = running.plugins.enabledDuties.first,
              let county = province.units.first(where: { $0.level == .county }),
              let official = province.officials.first
        else {
            throw StoreError(.outboxFailed, "基准需要至少一个启用的任务 (the benchmark needs an enabled duty)")
        }
        _ = try await client.query("UPDATE officials SET email = 'bench@dixian.invalid' WHERE id = \(official.id)")
        // As the planner leader does: this month's rows go into their own partition, among the months a daemon has.
        _ = try await MonthlyPartitions(client: client, logger: logger).prepareForPlanning(around: Date())
        return BenchmarkSeed(dutyID: duty.qualifiedID, unitCode: county.code.rawValue, officialID: official.id, logger: logger)
    }

    /// Commits `count` occurrences with one reminder each on `channel`, due now; returns the reminder keys.
    @discardableResult
    func insert(_ count: Int, channel: String, client: PostgresClient) async throws -> [String] {
        let first = serial.take(count)
        let prefix = "bench/\(channel)"
        return try await client.withTransaction(logger: logger) { connection in
            _ = try await connection.query(
                """
                INSERT INTO occurrences (key, duty_id, unit_code, period_key, period_label, nominal_due_date, due_date,
                                         due_at, opens_at, partition_month)
                SELECT \(prefix) || '/' || g, \(dutyID), \(unitCode), 'bench', '基准', current_date, current_date,
                       now() + interval '3 days', now() - interval '1 day', date_trunc('month', current_date)::date
                  FROM generate_series(\(first), \(first + count - 1)) g
                """, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, partition_month)
                SELECT o.key || '/r0', o.id, 'reminder', 'r0', \(officialID), NULL, \(channel), now(), o.partition_month
                  FROM occurrences o
                 WHERE o.key = ANY(SELECT \(prefix) || '/' || g FROM generate_series(\(first), \(first + count - 1)) g)
                RETURNING key
                """, logger: logger)
            var keys: [String] = []
            for try await key in rows.decode(String.self) { keys.append(key) }
            return keys
        }
    }
}

/// Numbers occurrences across calls, so every insert makes new keys.
private final class Serial: Sendable {
    private let last = NIOLockedValueBox(0)

    /// The first of `count` fresh numbers.
    func take(_ count: Int) -> Int {
        last.withLockedValue { last in
            defer { last += count }
            return last + 1
        }
    }
}
