import DixianConsole
import DixianCore
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    static let caseColumns = """
        c.id, c.case_number, c.household_id, h.head_name, c.unit_code, c.stage, c.category, c.risk_types, c.safety_net,
        c.opened_on::text, c.included_on::text, c.eliminated_on::text, ha.official_id, o.name, c.inclusion_clock_id
        """
    static let caseJoins = """
        monitoring_cases c
          LEFT JOIN reg_households h ON h.household_id = c.household_id
          LEFT JOIN helper_assignments ha ON ha.case_id = c.id AND ha.ends_on IS NULL
          LEFT JOIN officials o ON o.id = ha.official_id
        """

    /// Cases, newest first.
    public func cases(_ filter: CaseFilter) async throws -> [CaseRecord] {
        let prefix = filter.unit.map { $0.significantPrefix + "%" }
        return try await run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.caseColumns) FROM \(unescaped: Self.caseJoins)
                 WHERE (\(prefix)::text IS NULL OR c.unit_code LIKE \(prefix)::text)
                   AND \(scope: filter.scope, unit: "c.unit_code", sector: ScopeFilter.caseSectors, official: "ha.official_id")
                   AND (\(filter.stage)::text IS NULL OR c.stage = \(filter.stage))
                   AND (\(filter.category?.rawValue)::text IS NULL OR c.category = \(filter.category?.rawValue))
                 ORDER BY c.id DESC LIMIT \(filter.limit)
                """,
                logger: logger)
            var result: [CaseRecord] = []
            for try await row in rows { result.append(try Self.decodeCase(row.makeRandomAccess())) }
            return result
        }
    }

    /// One case with its log, signals, clocks, measures and helpers; nil when there is none.
    public func caseDetail(id: Int64) async throws -> CaseDetail? {
        try await run { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.caseColumns) FROM \(unescaped: Self.caseJoins) WHERE c.id = \(id)", logger: logger)
            var record: CaseRecord?
            for try await row in rows { record = try Self.decodeCase(row.makeRandomAccess()) }
            guard let record else { return nil }
            let loaded = try await loadCase(id, lock: false, connection)
            var detail = CaseDetail(
                record: record, events: try await Self.steps(of: id, connection, logger: logger),
                signals: try await Self.signals(caseID: id, connection, logger: logger),
                clocks: try await Self.clocks(caseNumber: record.number, connection, logger: logger),
                measures: try await Self.measures(caseID: id, connection, logger: logger),
                helpers: try await Self.helpers(caseID: id, connection, logger: logger))
            switch loaded.state.stage {
            case .inclusionProposed(let approvals), .eliminationProposed(let approvals):
                if case .awaiting(let step) = approvals.stage {
                    detail.awaitingStep = step.title
                    detail.awaitingRole = step.role
                }
                detail.returnedBecause = approvals.returnedBecause
            default: break
            }
            return detail
        }
    }

    /// The case id of a case number (`JC00000012`) or a plain id.
    public func caseID(_ text: String) async throws -> Int64? {
        if let id = Int64(text) { return id }
        return try await run { connection in
            let rows = try await connection.query("SELECT id FROM monitoring_cases WHERE case_number = \(text)", logger: logger)
            for try await id in rows.decode(Int64.self) { return id }
            return nil
        }
    }

    static func decodeCase(_ columns: PostgresRandomAccessRow) throws -> CaseRecord {
        func date(_ index: Int) throws -> CalendarDate? {
            try columns[index].decode(String?.self).flatMap { CalendarDate(parsing: $0) }
        }
        let category = try columns[6].decode(String.self)
        return CaseRecord(
            id: try columns[0].decode(Int64.self), number: try columns[1].decode(String.self),
            householdID: try columns[2].decode(String.self),
            headMasked: try columns[3].decode(String?.self).map(PersonalDataMask.maskName),
            unitCode: try columns[4].decode(String.self), stage: try columns[5].decode(String.self),
            category: MonitoringCategory(rawValue: category) ?? .suddenHardship,
            riskTypes: try columns[7].decode([String].self).compactMap(RiskType.init(rawValue:)),
            isSafetyNet: try columns[8].decode(Bool.self), openedOn: try date(9)!, includedOn: try date(10),
            eliminatedOn: try date(11), helperID: try columns[12].decode(String?.self),
            helperName: try columns[13].decode(String?.self), inclusionClockID: try columns[14].decode(Int64?.self))
    }

    static func steps(of caseID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [CaseEventRecord] {
        let rows = try await connection.query(
            """
            SELECT id, step::text, actor, channel, effective_on::text, entered_at FROM case_events
             WHERE case_id = \(caseID) ORDER BY id
            """,
            logger: logger)
        var result: [CaseEventRecord] = []
        let decoder = JSONDecoder()
        for try await (id, json, actor, channel, effective, entered) in rows.decode((Int64, String, String, String, String, Date).self) {
            let step = try decoder.decode(CaseStep.self, from: Data(json.utf8))
            result.append(CaseEventRecord(
                id: id, step: step, actor: actor, channel: channel, effectiveOn: CalendarDate(parsing: effective)!, enteredAt: entered))
        }
        return result
    }

    static func clocks(caseNumber: String, _ connection: PostgresConnection, logger: Logger) async throws -> [CaseClockRecord] {
        let rows = try await connection.query(
            """
            SELECT o.id, o.duty_id, o.due_date::text, o.due_at, o.status, o.completed_at
              FROM occurrences o JOIN event_clocks e ON e.id = o.event_clock_id
             WHERE e.case_number = \(caseNumber) ORDER BY o.due_at, o.id
            """,
            logger: logger)
        var result: [CaseClockRecord] = []
        for try await (id, duty, due, dueAt, status, completed) in rows.decode((Int64, String, String, Date, String, Date?).self) {
            result.append(CaseClockRecord(
                occurrenceID: id, dutyID: duty, dueDate: CalendarDate(parsing: due)!, dueAt: dueAt, status: status,
                completedAt: completed))
        }
        return result
    }

    static func measures(caseID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [MeasureRecord] {
        let rows = try await connection.query(
            """
            SELECT id, type, answers, description, planned_on::text, status, in_place_on::text, evidence, recorded_on::text
              FROM help_measures WHERE case_id = \(caseID) ORDER BY id
            """,
            logger: logger)
        var result: [MeasureRecord] = []
        for try await (id, type, answers, text, planned, status, inPlace, evidence, recorded)
            in rows.decode((Int64, String, String, String, String, String, String?, String?, String).self)
        {
            let measure = HelpMeasure(
                id: id, type: MeasureType(rawValue: type) ?? .other, answers: RiskType(rawValue: answers) ?? .other,
                description: text, plannedOn: CalendarDate(parsing: planned)!,
                status: HelpMeasure.Status(rawValue: status) ?? .planned, inPlaceOn: inPlace.flatMap { CalendarDate(parsing: $0) },
                evidence: evidence)
            result.append(MeasureRecord(measure: measure, recordedOn: CalendarDate(parsing: recorded)!))
        }
        return result
    }

    static func helpers(caseID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [HelperAssignmentRecord] {
        let rows = try await connection.query(
            """
            SELECT ha.official_id, o.name, ha.begins_on::text, ha.ends_on::text
              FROM helper_assignments ha JOIN officials o ON o.id = ha.official_id
             WHERE ha.case_id = \(caseID) ORDER BY ha.id
            """,
            logger: logger)
        var result: [HelperAssignmentRecord] = []
        for try await (id, name, begins, ends) in rows.decode((String, String, String, String?).self) {
            result.append(HelperAssignmentRecord(
                officialID: id, officialName: name, beginsOn: CalendarDate(parsing: begins)!,
                endsOn: ends.flatMap { CalendarDate(parsing: $0) }))
        }
        return result
    }
}
