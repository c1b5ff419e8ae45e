import DixianCore
import DixianDirectory
import DixianReports
import Foundation
import Logging
import PostgresNIO

extension LedgerStore {
    static let problemColumns = """
        p.id, p.problem_number, p.campaign, p.working_group, p.unit_code, p.filled_by, p.problem, p.measure,
        p.deadline::text, p.result, p.lead_unit, p.cooperating_units, p.responsible, p.note, p.position, p.created_at,
        p.updated_at, (SELECT count(*) FROM ledger_evidence e WHERE e.problem_id = p.id)
        """

    /// Problems in sheet order: by campaign, working group, then their place in the group's sheet.
    public func problems(_ filter: LedgerFilter) async throws -> [LedgerRecord] {
        let prefix = filter.unit.map { $0.significantPrefix + "%" }
        return try await run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.problemColumns) FROM ledger_problems p
                 WHERE (\(filter.campaign)::text IS NULL OR p.campaign = \(filter.campaign))
                   AND (\(filter.group)::text IS NULL OR p.working_group = \(filter.group))
                   AND (\(prefix)::text IS NULL OR p.unit_code LIKE \(prefix)::text)
                   AND (\(filter.result?.rawValue)::text IS NULL OR p.result = \(filter.result?.rawValue))
                   AND (\(filter.overdueOn?.description)::date IS NULL
                        OR (p.result = 'in_progress' AND p.deadline < \(filter.overdueOn?.description)::date))
                 ORDER BY p.campaign, p.working_group, p.position, p.id
                """,
                logger: logger)
            var records: [LedgerRecord] = []
            for try await row in rows { records.append(try Self.decodeProblem(row.makeRandomAccess())) }
            return try await Self.withProgress(records, connection, logger: logger)
        }
    }

    /// One problem by its number (`WT…`), with its progress; nil when there is none.
    public func problem(number: String) async throws -> LedgerRecord? {
        try await run { connection in
            try await Self.problem(number: number, lock: false, connection, logger: logger)
        }
    }

    static func problem(number: String, lock: Bool, _ connection: PostgresConnection, logger: Logger) async throws -> LedgerRecord? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.problemColumns) FROM ledger_problems p WHERE p.problem_number = \(number)
            \(unescaped: lock ? "FOR UPDATE OF p" : "")
            """,
            logger: logger)
        var records: [LedgerRecord] = []
        for try await row in rows { records.append(try Self.decodeProblem(row.makeRandomAccess())) }
        return try await withProgress(records, connection, logger: logger).first
    }

    /// The problems of one campaign's working group, locked for an import to merge into.
    static func group(campaign: String, group: String, _ connection: PostgresConnection, logger: Logger) async throws -> [LedgerRecord] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.problemColumns) FROM ledger_problems p
             WHERE p.campaign = \(campaign) AND p.working_group = \(group)
             ORDER BY p.position, p.id FOR UPDATE OF p
            """,
            logger: logger)
        var records: [LedgerRecord] = []
        for try await row in rows { records.append(try Self.decodeProblem(row.makeRandomAccess())) }
        return try await withProgress(records, connection, logger: logger)
    }

    static func withProgress(_ records: [LedgerRecord], _ connection: PostgresConnection, logger: Logger) async throws -> [LedgerRecord] {
        guard !records.isEmpty else { return records }
        let rows = try await connection.query(
            """
            SELECT problem_id, progress_on::text, text FROM ledger_progress
             WHERE problem_id = ANY(\(records.map(\.id))) ORDER BY progress_on, id
            """,
            logger: logger)
        var progress: [Int64: [LedgerProblem.Progress]] = [:]
        for try await (id, on, text) in rows.decode((Int64, String, String).self) {
            guard let date = CalendarDate(parsing: on) else { continue }
            progress[id, default: []].append(.init(on: date, text: text))
        }
        return records.map { record in
            var record = record
            record.problem.progress = progress[record.id] ?? []
            return record
        }
    }

    static func decodeProblem(_ columns: PostgresRandomAccessRow) throws -> LedgerRecord {
        let deadline = try columns[8].decode(String.self)
        let result = try columns[9].decode(String.self)
        let problem = LedgerProblem(
            problem: try columns[6].decode(String.self), measure: try columns[7].decode(String.self),
            deadline: CalendarDate(parsing: deadline)!, result: RectificationResult(rawValue: result) ?? .inProgress,
            leadUnit: try columns[10].decode(String.self), cooperatingUnits: try columns[11].decode([String].self),
            responsible: try columns[12].decode(String.self), note: try columns[13].decode(String.self))
        return LedgerRecord(
            id: try columns[0].decode(Int64.self), number: try columns[1].decode(String.self),
            campaign: try columns[2].decode(String.self), group: try columns[3].decode(String.self),
            unitCode: try DivisionCode(validating: try columns[4].decode(String.self)), filledBy: try columns[5].decode(String.self),
            problem: problem, position: Int(try columns[14].decode(Int32.self)), createdAt: try columns[15].decode(Date.self),
            updatedAt: try columns[16].decode(Date.self), evidenceCount: Int(try columns[17].decode(Int64.self)))
    }
}
