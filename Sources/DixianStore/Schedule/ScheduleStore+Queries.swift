import DixianConsole
import DixianCore
import DixianDirectory
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

extension ScheduleStore {
    /// The columns ``decodeOccurrence(_:now:)`` reads; `o` is occurrences, `u` org_units.
    static let occurrenceColumns = """
        o.id, o.key, o.duty_id, o.unit_code, u.name AS unit_name, o.official_id, o.period_key, o.period_label,
        o.nominal_due_date::text AS nominal_due_date, o.due_date::text AS due_date, o.due_at, o.opens_at,
        o.status, o.unassigned, o.target::text AS target, o.target_compare, o.achieved::text AS achieved,
        o.target_met, o.completed_at, o.completed_by, o.completion_channel, o.note
        """

    /// Occurrences matching `filter`, earliest due first; `now` decides which open ones are overdue.
    public func occurrences(_ filter: OccurrenceFilter, now: Date) async throws -> [OccurrenceRecord] {
        let (low, high) = DirectoryStore.range(filter.unit)
        let status = filter.status?.rawValue
        return try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.occurrenceColumns)
                  FROM occurrences o JOIN org_units u ON u.code = o.unit_code
                 WHERE o.unit_code >= \(low) AND o.unit_code < \(high)
                   AND \(scope: filter.scope, unit: "o.unit_code", sector: ScopeFilter.dutySector, official: "o.official_id")
                   AND (\(filter.dutyID)::text IS NULL OR o.duty_id = \(filter.dutyID))
                   AND CASE \(status)::text
                         WHEN 'open' THEN o.status = 'open' AND o.due_at >= \(now)
                         WHEN 'overdue' THEN o.status = 'open' AND o.due_at < \(now)
                         ELSE \(status)::text IS NULL OR o.status = \(status)
                       END
                 ORDER BY o.due_at, o.key
                 LIMIT \(filter.limit)
                """,
                logger: self.logger
            )
            return try await Self.decodeOccurrences(rows, now: now)
        }
    }

    /// One occurrence by id, or nil.
    public func occurrence(id: Int64, now: Date) async throws -> OccurrenceRecord? {
        try await self.run { connection in
            try await Self.occurrence(id: id, now: now, connection, logger: self.logger)
        }
    }

    static func occurrence(id: Int64, now: Date, _ connection: PostgresConnection, logger: Logger) async throws
        -> OccurrenceRecord?
    {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.occurrenceColumns)
              FROM occurrences o JOIN org_units u ON u.code = o.unit_code
             WHERE o.id = \(id)
            """,
            logger: logger
        )
        return try await Self.decodeOccurrences(rows, now: now).first
    }

    static func decodeOccurrences(_ rows: PostgresRowSequence, now: Date) async throws -> [OccurrenceRecord] {
        var records: [OccurrenceRecord] = []
        for try await row in rows {
            records.append(try Self.decodeOccurrence(row.makeRandomAccess(), now: now))
        }
        return records
    }

    static func decodeOccurrence(_ row: PostgresRandomAccessRow, now: Date) throws -> OccurrenceRecord {
        let dueAt = try row["due_at"].decode(Date.self)
        let stored = try row["status"].decode(String.self)
        var status = OccurrenceStatus(rawValue: stored) ?? .open
        if status == .open, dueAt < now { status = .overdue }
        return OccurrenceRecord(
            id: try row["id"].decode(Int64.self),
            key: try row["key"].decode(String.self),
            dutyID: try row["duty_id"].decode(String.self),
            unitCode: try Self.decodeText(row, "unit_code", DivisionCode.init(prefix:)),
            unitName: try row["unit_name"].decode(String.self),
            officialID: try row["official_id"].decode(String?.self),
            periodKey: PeriodKey(rawValue: try row["period_key"].decode(String.self)),
            periodLabel: try row["period_label"].decode(String.self),
            nominalDueDate: try Self.decodeText(row, "nominal_due_date", { CalendarDate(parsing: $0) }),
            dueDate: try Self.decodeText(row, "due_date", { CalendarDate(parsing: $0) }),
            dueAt: dueAt,
            opensAt: try row["opens_at"].decode(Date.self),
            status: status,
            isUnassigned: try row["unassigned"].decode(Bool.self),
            target: try row["target"].decode(String?.self).flatMap { Decimal(string: $0) },
            targetComparison: try row["target_compare"].decode(String?.self),
            achieved: try row["achieved"].decode(String?.self).flatMap { Decimal(string: $0) },
            targetMet: try row["target_met"].decode(Bool?.self),
            completedAt: try row["completed_at"].decode(Date?.self),
            completedBy: try row["completed_by"].decode(String?.self),
            completionChannel: try row["completion_channel"].decode(String?.self).flatMap(ChangeChannel.init(rawValue:)),
            note: try row["note"].decode(String?.self)
        )
    }
}

extension ScheduleStore {
    /// The audit log of one occurrence, oldest first.
    public func auditTrail(occurrenceID: Int64) async throws -> [AuditEntry] {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT at, actor, channel, action, occurrence_id, details::text
                  FROM audit_log WHERE occurrence_id = \(occurrenceID) ORDER BY at, id
                """,
                logger: self.logger)
            var entries: [AuditEntry] = []
            for try await (at, actor, channel, action, id, details) in rows.decode((Date, String, String, String, Int64?, String).self) {
                let values = (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
                entries.append(AuditEntry(at: at, actor: actor, channel: channel, action: action, occurrenceID: id, details: values))
            }
            return entries
        }
    }

    /// A text column as the typed value `parse` makes of it; a value it refuses is an error, never a guess.
    static func decodeText<Value>(_ row: PostgresRandomAccessRow, _ column: String, _ parse: (String) -> Value?) throws -> Value {
        let text = try row[column].decode(String.self)
        guard let value = parse(text) else {
            throw StoreError(.scheduleFailed, "数据库中有无法识别的取值 (unreadable value in the database)", context: ["column": column, "value": text])
        }
        return value
    }
}
