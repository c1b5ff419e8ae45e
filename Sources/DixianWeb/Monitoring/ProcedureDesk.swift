import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianStore
import Foundation

/// What the procedure's API and forms need from the daemon's desk (DixianDaemon's `MonitoringDesk`, set up
/// from the governance plugin): the store, the time zone, entries, the clock planner, the elimination rules'
/// verdict and the defects.
public protocol ProcedureDesk: Sendable {
    var store: MonitoringStore { get }
    var zone: TimeZone { get }
    /// Who and when for a step entered now, effective on `date` (today when nil); a future date is refused.
    func entry(actor: String, channel: ProcedureChannel, on date: CalendarDate?) throws -> CaseEntry
    func planning() async throws -> MonitoringStore.ClockPlanning
    func eliminationVerdict(caseID: Int64, assessment: EliminationAssessment) async throws -> (RiskElimination.Verdict, EliminationFacts)
    func defects(unit: DivisionCode?) async throws -> [Defect]
}
