import DixianCore
import DixianDirectory
import DixianDispatch
import DixianLinks
import DixianMonitoring
import DixianPlugins
import DixianScheduling
import DixianStore
import DixianWeb
import Foundation
import Logging
import PostgresNIO

/// The monitoring procedure's one way in for the CLI and the API: the store, set up from the governance
/// plugin (approval chains, clock duties, elimination policy, defect limits), the planner that starts the
/// clocks, and the rule that turns "on this date" into a step's effective instant.
public struct MonitoringDesk: Sendable {
    public let store: MonitoringStore
    public let settings: MonitoringSettings
    let client: PostgresClient
    let running: RunningConfiguration
    let clock: any WallClock
    let logger: Logger

    /// Fails with the governance plugin's file and the reason when an approval chain names an undeclared role.
    public init(client: PostgresClient, running: RunningConfiguration, logger: Logger, clock: any WallClock = SystemWallClock()) throws {
        let settings = try MonitoringSettings(plugins: running.plugins)
        self.settings = settings
        self.store = MonitoringStore(client: client, logger: logger, procedure: settings.procedure)
        self.client = client
        self.running = running
        self.clock = clock
        self.logger = logger
    }

    public var zone: TimeZone { running.configuration.zone }

    /// Today, locally.
    public var today: CalendarDate { clock.now().localDate(in: zone) }

    /// Who and when for a step entered now, effective on `date` (default today). A future date is refused; an
    /// earlier day takes effect at its noon, today at this moment.
    public func entry(actor: String, channel: ProcedureChannel, on date: CalendarDate?) throws -> CaseEntry {
        let now = clock.now()
        let today = now.localDate(in: zone)
        let effective = date ?? today
        guard effective <= today else {
            throw StoreError(.stepRefused, "生效日期\(effective.chineseDescription)晚于今天 (the effective date is in the future)")
        }
        let at = effective == today ? now : effective.instant(at: TimeOfDay(hour: 12, minute: 0)!, in: zone)
        return CaseEntry(actor: actor, channel: channel, effectiveOn: effective, effectiveAt: at, enteredAt: now)
    }

    /// The planner for event clocks, on the directory as it stands now.
    public func planning() async throws -> MonitoringStore.ClockPlanning {
        try await EventClockPlanning.make(client: client, running: running, now: clock.now(), logger: logger)
    }

    /// The rules' verdict on eliminating the case's risk today, with the village's assessment. Changes nothing.
    public func eliminationVerdict(caseID: Int64, assessment: EliminationAssessment) async throws -> (RiskElimination.Verdict, EliminationFacts) {
        let facts = try await store.eliminationFacts(caseID: caseID, today: today, assessment: assessment)
        return (RiskElimination(policy: settings.eliminationPolicy).check(facts), facts)
    }

    /// Proposes elimination: the rules decide whether the approval chain starts; refused, every reason is kept
    /// in the case log and returned.
    public func proposeElimination(caseID: Int64, assessment: EliminationAssessment, entry: CaseEntry) async throws -> MonitoringStore.StepResult {
        let (verdict, _) = try await eliminationVerdict(caseID: caseID, assessment: assessment)
        return try await store.proposeElimination(caseID: caseID, verdict: verdict, entry: entry)
    }

    /// The defects for the unit and below as of today.
    public func defects(unit: DivisionCode?) async throws -> [Defect] {
        let inputs = try await store.defectInputs(unit: unit, zone: zone)
        return settings.defectDetector.defects(in: inputs, asOf: today)
    }

    /// The monthly joint meeting's agenda (联席会议).
    public func agenda(year: Int, month: Int, unit: DivisionCode?) async throws -> MeetingAgenda {
        let (signals, proposals) = try await store.agenda(month: (year, month), unit: unit)
        let inputs = try await store.defectInputs(unit: unit, zone: zone)
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        let asOf = min(last, today)
        return MeetingAgenda(
            month: String(format: "%04d-%02d", year, month), newSignals: signals, eliminationProposals: proposals,
            defects: settings.defectDetector.defects(in: inputs, asOf: asOf))
    }
}

extension MonitoringDesk {
    /// One village's poster address for self-declarations (农户自主申报二维码).
    public struct Poster: Sendable, Hashable, Encodable {
        public var village: String
        public var name: String
        public var url: String
    }

    /// The poster addresses of the villages at or under `unit`.
    public func posters(unit: DivisionCode?) async throws -> [Poster] {
        let links = try await ActionLinks.make(running.configuration.links, store: ScheduleStore(client: client, logger: logger))
        let units = try await DirectoryStore(client: client, logger: logger).units()
        let snapshot = DirectorySnapshot(units: units)
        let prefix = unit?.significantPrefix ?? ""
        return units.filter { $0.level == .village && $0.code.rawValue.hasPrefix(prefix) }
            .sorted { $0.code.rawValue < $1.code.rawValue }
            .map { Poster(village: $0.code.rawValue, name: snapshot.fullName(of: $0.code), url: links.posterURL(village: $0.code.rawValue)) }
    }
}

extension MonitoringDesk: ProcedureDesk {}
