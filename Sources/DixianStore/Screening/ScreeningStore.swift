import DixianCore
import DixianDatasets
import DixianDirectory
import DixianScreening
import Foundation
import Logging
import PostgresNIO

/// Screening runs and the alerts (预警) they raise, in PostgreSQL. A run evaluates one rule's compiled SQL over
/// the latest period of its dataset, set-based, and reconciles the alerts in the same transaction: one open
/// alert per (rule, subject), never a duplicate, an alert that no longer matches kept and marked.
public struct ScreeningStore: Sendable {
    /// One replica screens at a time: "dixian" in ASCII plus 7.
    static let screeningLockKey: Int64 = 0x0064_6978_6961_6E07

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs `request`; a dry run computes the same figures and writes nothing.
    public func run(_ request: ScreeningRunRequest) async throws -> ScreeningRunResult {
        let started = ContinuousClock.now
        do {
            return try await client.withStoreTransaction(
                failing: .screeningFailed, "筛查失败 (screening failed)", logger: logger
            ) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.screeningLockKey))", logger: logger)
                var result = try await Self.evaluate(request, connection, logger: logger)
                result.durationMilliseconds = Self.milliseconds(since: started)
                guard !request.dryRun else { throw DryRunRollback(result: result) }
                guard result.period != nil else { return result }
                try await Self.reconcile(request, &result, connection, logger: logger)
                return result
            }
        } catch let rollback as DryRunRollback {
            return rollback.result
        }
    }

    /// Thrown out of a dry run's transaction to roll it back with its figures.
    private struct DryRunRollback: Error {
        var result: ScreeningRunResult
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Fills `dixian_matches` (subject, village, person, household, result) and counts it.
    static func evaluate(
        _ request: ScreeningRunRequest, _ connection: PostgresConnection, logger: Logger
    ) async throws -> ScreeningRunResult {
        var result = ScreeningRunResult(
            runID: nil, plugin: request.plugin, ruleID: request.ruleID, period: nil, rowsScreened: 0, matched: 0,
            newAlerts: 0, stillOpen: 0, noLongerMatching: 0, dataMissing: 0, unknownVillage: 0,
            durationMilliseconds: 0, dryRun: request.dryRun)
        let table = SQLNaming.quoted(request.layout.tableName)
        let latest = try await connection.query(PostgresQuery(unsafeSQL: "SELECT max(period) FROM \(table)"), logger: logger)
        for try await period in latest.decode(String?.self) { result.period = period }
        guard let period = result.period else { return result }
        var bindings = request.condition.postgresBindings
        bindings.append(period)
        let select = ScreeningQuery(layout: request.layout).matches(condition: request.condition.text, periodPlaceholder: request.condition.binds.count + 1)
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TEMP TABLE dixian_matches ON COMMIT DROP AS \(select)", binds: bindings),
            logger: logger)
        let counts = try await connection.query(
            """
            SELECT count(*)::int8, (count(*) FILTER (WHERE result))::int8, (count(*) FILTER (WHERE result IS NULL))::int8,
                   (count(*) FILTER (WHERE result AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = m.unit_code)))::int8
              FROM dixian_matches m
            """, logger: logger)
        for try await (rows, matched, missing, unknown) in counts.decode((Int64, Int64, Int64, Int64).self) {
            result.rowsScreened = Int(rows)
            result.matched = Int(matched)
            result.dataMissing = Int(missing)
            result.unknownVillage = Int(unknown)
        }
        return result
    }
}

extension StoreError.Code {
    public static let screeningFailed = StoreError.Code(description: "screening_failed")
}
