import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// The planner an event clock is started with (the procedure's steps, a ledger problem's deadline): every enabled
/// `after_event` duty that reacts, on the directory as it stands now.
enum EventClockPlanning {
    static func make(
        client: PostgresClient, running: RunningConfiguration, now: Date, logger: Logger
    ) async throws -> MonitoringStore.ClockPlanning {
        let directory = DirectoryStore(client: client, logger: logger)
        let index = DirectoryIndex(units: try await directory.units(), officials: try await directory.officials())
        let context = PlanningInputs(running: running, now: now, directoryStamp: "").context
        let planner = SchedulePlanner(plugins: running.plugins, directory: index, context: context)
        return { start, clockID in
            guard let event = EventTrigger.Event(rawValue: start.event) else { return SchedulePlan() }
            return planner.plan(event: ScheduleEvent(
                event: event, unitCode: start.unitCode, occurredAt: start.at, clockID: String(clockID),
                alertSource: start.sourcePlugin))
        }
    }
}
