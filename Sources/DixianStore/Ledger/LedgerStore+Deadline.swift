import DixianCore
import DixianDirectory
import DixianReports
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// What a problem's deadline clock (整改时限) needs: the planner of event duties and the county's zone, in which the
/// deadline's date begins.
public struct DeadlineClocks: Sendable {
    public var plan: MonitoringStore.ClockPlanning
    public var zone: TimeZone

    public init(plan: @escaping MonitoringStore.ClockPlanning, zone: TimeZone) {
        self.plan = plan
        self.zone = zone
    }
}

extension LedgerStore {
    /// Starts the `rectification_deadline` clock of a problem still being rectified: its instant is the deadline's
    /// 00:00, so the governance duty due `days: 0` after it reminds in the weeks before (每周调度) and escalates
    /// after. Records the clock on the problem.
    func startDeadlineClock(
        problemID: Int64, number: String, unit: DivisionCode, deadline: CalendarDate, clocks: DeadlineClocks,
        _ connection: PostgresConnection
    ) async throws {
        let start = EventClockStart(
            event: EventTrigger.Event.rectificationDeadline.rawValue, unitCode: unit, caseNumber: number,
            at: deadline.instant(at: TimeOfDay(hour: 0, minute: 0)!, in: clocks.zone))
        let clockID = try await MonitoringStore.startClock(start, plan: { try clocks.plan(start, $0) }, connection, logger: logger)
        try await connection.query("UPDATE ledger_problems SET deadline_clock_id = \(clockID) WHERE id = \(problemID)", logger: logger)
    }

    /// After a write: a problem done (整改完成, or 长期坚持) meets its clock; a new deadline stops the old clock and
    /// starts one at the new date.
    func followDeadline(
        _ before: LedgerRecord?, problemID: Int64, clocks: DeadlineClocks?, entry: LedgerEntry, _ connection: PostgresConnection
    ) async throws {
        guard let clocks, let after = try await Self.clockState(problemID, connection, logger: logger) else { return }
        let caseEntry = Self.caseEntry(entry, zone: clocks.zone)
        if after.result != .inProgress {
            if let clock = after.clockID {
                try await MonitoringStore.meetClock(clock, dutyID: nil, entry: caseEntry, note: "整改结果：\(after.result.chineseName)", connection, logger: logger)
            }
            return
        }
        let moved = before.map { $0.problem.deadline != after.deadline } ?? true
        guard moved || after.clockID == nil else { return }
        if let clock = after.clockID {
            _ = try await MonitoringStore.stopClocks([clock], entry: caseEntry, reason: "整改时限改为\(after.deadline.chineseDescription)", connection, logger: logger)
        }
        try await startDeadlineClock(
            problemID: problemID, number: after.number, unit: after.unit, deadline: after.deadline, clocks: clocks, connection)
    }

    private static func clockState(_ problemID: Int64, _ connection: PostgresConnection, logger: Logger) async throws
        -> (number: String, unit: DivisionCode, deadline: CalendarDate, result: RectificationResult, clockID: Int64?)?
    {
        let rows = try await connection.query(
            "SELECT problem_number, unit_code, deadline::text, result, deadline_clock_id FROM ledger_problems WHERE id = \(problemID)",
            logger: logger)
        for try await (number, unit, deadline, result, clock) in rows.decode((String, String, String, String, Int64?).self) {
            guard let date = CalendarDate(parsing: deadline) else { return nil }
            return (number, try DivisionCode(validating: unit), date, RectificationResult(rawValue: result) ?? .inProgress, clock)
        }
        return nil
    }

    static func caseEntry(_ entry: LedgerEntry, zone: TimeZone) -> CaseEntry {
        let channel: ProcedureChannel = switch entry.channel {
        case .cli: .cli
        case .http: .http
        case .link: .link
        case .console: .console
        }
        return CaseEntry(
            actor: entry.actor, channel: channel, effectiveOn: entry.at.localDate(in: zone), effectiveAt: entry.at, enteredAt: entry.at)
    }
}
