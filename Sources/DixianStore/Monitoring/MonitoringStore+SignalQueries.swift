import DixianConsole
import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

/// Which signals to list.
public struct SignalFilter: Sendable, Hashable {
    public var unit: DivisionCode?
    /// Only those not verified yet.
    public var pendingOnly: Bool
    public var source: SignalSource?
    public var limit: Int
    /// Only what a console session's person sees (nil: everything, the operator's bearer token).
    public var scope: AccessScope?

    public init(unit: DivisionCode? = nil, pendingOnly: Bool = false, source: SignalSource? = nil, limit: Int = 200) {
        self.unit = unit
        self.pendingOnly = pendingOnly
        self.source = source
        self.limit = limit
    }
}

extension MonitoringStore {
    static let signalColumns = """
        s.id, s.source, s.alert_id, s.household_id, s.unit_code, s.person_name, s.person_resident_id, s.risk_types, s.note,
        s.raised_on::text, s.entered_at, s.entered_by, s.channel, s.receipt, s.event_clock_id,
        (SELECT min(o.due_date)::text FROM occurrences o WHERE o.event_clock_id = s.event_clock_id),
        s.outcome, s.outcome_reason, s.verified_on::text, s.verified_by, s.case_id, s.verified_channel,
        (SELECT h.head_name FROM reg_households h WHERE h.household_id = s.household_id)
        """

    /// Signals, newest first.
    public func signals(_ filter: SignalFilter) async throws -> [SignalRecord] {
        let prefix = filter.unit.map { $0.significantPrefix + "%" }
        return try await run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.signalColumns) FROM monitoring_signals s
                  LEFT JOIN alerts a ON a.id = s.alert_id
                  LEFT JOIN helper_assignments ha ON ha.case_id = s.case_id AND ha.ends_on IS NULL
                 WHERE (\(prefix)::text IS NULL OR s.unit_code LIKE \(prefix)::text)
                   AND \(scope: filter.scope, unit: "s.unit_code", sector: "a.plugin", official: "ha.official_id")
                   AND (NOT \(filter.pendingOnly) OR s.outcome IS NULL)
                   AND (\(filter.source?.rawValue)::text IS NULL OR s.source = \(filter.source?.rawValue))
                 ORDER BY s.id DESC LIMIT \(filter.limit)
                """,
                logger: logger)
            return try await Self.decodeSignals(rows)
        }
    }

    /// One signal.
    public func signal(id: Int64) async throws -> SignalRecord? {
        try await run { connection in try await Self.signal(id: id, connection, logger: logger) }
    }

    static func signal(id: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> SignalRecord? {
        let rows = try await connection.query(
            "SELECT \(unescaped: signalColumns) FROM monitoring_signals s WHERE s.id = \(id)", logger: logger)
        return try await decodeSignals(rows).first
    }

    static func signals(caseID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [SignalRecord] {
        let rows = try await connection.query(
            "SELECT \(unescaped: signalColumns) FROM monitoring_signals s WHERE s.case_id = \(caseID) ORDER BY s.id",
            logger: logger)
        return try await decodeSignals(rows)
    }

    private static func decodeSignals(_ rows: PostgresRowSequence) async throws -> [SignalRecord] {
        var result: [SignalRecord] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            func date(_ index: Int) throws -> CalendarDate? {
                try c[index].decode(String?.self).flatMap { CalendarDate(parsing: $0) }
            }
            let name = try c[5].decode(String?.self)
            let residentID = try c[6].decode(String?.self)
            let declarant = name.map { name in
                ([PersonalDataMask.maskName(name)] + (residentID.map { [PersonalDataMask.maskIDNumber($0)] } ?? [])).joined(separator: " ")
            }
            result.append(SignalRecord(
                id: try c[0].decode(Int64.self), source: SignalSource(rawValue: try c[1].decode(String.self)) ?? .visit,
                alertID: try c[2].decode(Int64?.self), householdID: try c[3].decode(String?.self),
                unitCode: try c[4].decode(String.self), declarant: declarant,
                riskTypes: try c[7].decode([String].self).compactMap(RiskType.init(rawValue:)),
                note: try c[8].decode(String.self), raisedOn: try date(9)!, enteredAt: try c[10].decode(Date.self),
                enteredBy: try c[11].decode(String.self), channel: try c[12].decode(String.self),
                receipt: try c[13].decode(String?.self), clockID: try c[14].decode(Int64?.self), verifyBy: try date(15),
                outcome: try c[16].decode(String?.self), outcomeReason: try c[17].decode(String?.self),
                verifiedOn: try date(18), verifiedBy: try c[19].decode(String?.self),
                verifiedChannel: try c[21].decode(String?.self), caseID: try c[20].decode(Int64?.self),
                headMasked: try c[22].decode(String?.self).map(PersonalDataMask.maskName)))
        }
        return result
    }
}
