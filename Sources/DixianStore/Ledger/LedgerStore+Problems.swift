import DixianCore
import DixianReports
import Foundation
import Logging
import PostgresNIO

extension LedgerStore {
    /// Adds a problem to its group's sheet (at the end), with any progress it already has; returns it numbered.
    /// With `clocks`, a problem still being rectified starts its deadline clock in the same transaction.
    public func add(_ draft: LedgerDraft, entry: LedgerEntry, clocks: DeadlineClocks? = nil) async throws -> LedgerRecord {
        try await transaction { connection in
            let rows = try await connection.query(
                """
                SELECT 1 FROM ledger_problems
                 WHERE campaign = \(draft.campaign) AND working_group = \(draft.group) AND problem = \(draft.problem.problem)
                """,
                logger: logger)
            for try await _ in rows {
                throw StoreError(
                    .ledgerRefused, "该专班已有相同的问题 (the working group already lists this problem)",
                    context: ["campaign": draft.campaign, "group": draft.group])
            }
            let number = try await insert(draft, position: nil, entry: entry, connection)
            for progress in draft.problem.progress {
                try await appendProgress(number.id, progress, entry: entry, imported: false, connection)
            }
            try await followDeadline(nil, problemID: number.id, clocks: clocks, entry: entry, connection)
            try await audit(
                "ledger.add", entry, details: ["problem": number.number, "campaign": draft.campaign, "group": draft.group], connection)
            return try await Self.problem(number: number.number, lock: false, connection, logger: logger)!
        }
    }

    /// Appends a dated progress entry (整改进展); the same date and words again change nothing.
    public func addProgress(number: String, _ progress: LedgerProblem.Progress, entry: LedgerEntry) async throws -> LedgerRecord {
        try await transaction { connection in
            let record = try await Self.existing(number, connection, logger: logger)
            try await appendProgress(record.id, progress, entry: entry, imported: false, connection)
            try await touch(record.id, entry: entry, connection)
            try await audit("ledger.progress", entry, details: ["problem": number, "on": progress.on.description], connection)
            return try await Self.problem(number: number, lock: false, connection, logger: logger)!
        }
    }

    /// Records the result (整改结果), one of the three forms; done, it meets the deadline clock.
    public func setResult(
        number: String, _ result: RectificationResult, entry: LedgerEntry, clocks: DeadlineClocks? = nil
    ) async throws -> LedgerRecord {
        try await transaction { connection in
            let record = try await Self.existing(number, connection, logger: logger)
            try await connection.query(
                "UPDATE ledger_problems SET result = \(result.rawValue), updated_at = \(entry.at) WHERE id = \(record.id)",
                logger: logger)
            try await followDeadline(record, problemID: record.id, clocks: clocks, entry: entry, connection)
            try await audit(
                "ledger.result", entry, details: ["problem": number, "from": record.problem.result.rawValue, "to": result.rawValue], connection)
            return try await Self.problem(number: number, lock: false, connection, logger: logger)!
        }
    }

    static func existing(_ number: String, _ connection: PostgresConnection, logger: Logger) async throws -> LedgerRecord {
        guard let record = try await problem(number: number, lock: true, connection, logger: logger) else {
            throw StoreError(.problemNotFound, "没有编号为 \(number) 的整改问题 (no such problem)", context: ["problem": number])
        }
        return record
    }

    /// Inserts the problem row at `position` (nil: after the group's last row); returns its id and number, `WT` and at
    /// least 8 digits (`lpad` alone would cut a ninth). 填表人 is one per sheet (the header block), so a draft without
    /// one takes its group's.
    func insert(
        _ draft: LedgerDraft, position: Int?, entry: LedgerEntry, _ connection: PostgresConnection
    ) async throws -> (id: Int64, number: String) {
        let problem = draft.problem
        let rows = try await connection.query(
            """
            INSERT INTO ledger_problems (problem_number, campaign, working_group, unit_code, lead_unit, cooperating_units,
                                         filled_by, problem, measure, deadline, result, responsible, note, position,
                                         created_at, created_by, updated_at)
            SELECT 'WT' || lpad(n::text, greatest(8, length(n::text)), '0'), \(draft.campaign), \(draft.group),
                    \(draft.unitCode.rawValue), \(problem.leadUnit), \(problem.cooperatingUnits),
                    coalesce(nullif(\(draft.filledBy), ''), (SELECT filled_by FROM ledger_problems
                                                              WHERE campaign = \(draft.campaign) AND working_group = \(draft.group)
                                                              ORDER BY position, id LIMIT 1), ''),
                    \(problem.problem), \(problem.measure), \(problem.deadline.description)::date, \(problem.result.rawValue),
                    \(problem.responsible), \(problem.note),
                    coalesce(\(position), (SELECT coalesce(max(position), 0) + 1 FROM ledger_problems
                                             WHERE campaign = \(draft.campaign) AND working_group = \(draft.group))),
                    \(entry.at), \(entry.actor), \(entry.at)
              FROM nextval('ledger_problem_numbers') AS n
            RETURNING id, problem_number
            """,
            logger: logger)
        for try await (id, number) in rows.decode((Int64, String).self) { return (id, number) }
        throw StoreError(.ledgerFailed, "整改问题未写入 (problem not written)")
    }

    func appendProgress(
        _ problemID: Int64, _ progress: LedgerProblem.Progress, entry: LedgerEntry, imported: Bool, _ connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO ledger_progress (problem_id, progress_on, text, entered_at, entered_by, channel)
            VALUES (\(problemID), \(progress.on.description)::date, \(progress.text), \(entry.at), \(entry.actor),
                    \(imported ? "import" : entry.channel.rawValue))
            ON CONFLICT (problem_id, progress_on, text) DO NOTHING
            """,
            logger: logger)
    }

    func touch(_ problemID: Int64, entry: LedgerEntry, _ connection: PostgresConnection) async throws {
        try await connection.query("UPDATE ledger_problems SET updated_at = \(entry.at) WHERE id = \(problemID)", logger: logger)
    }
}
