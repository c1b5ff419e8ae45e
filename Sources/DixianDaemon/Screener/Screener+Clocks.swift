import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation

extension Screener {
    /// Starts the `alert_raised` clock of every open alert that has none: the governance plugin's verification
    /// duty (village secretary, `alert_verify_days`, escalation to town then county) and its reminders. Also run
    /// after a crash between a screening and its clocks, so no alert stays without its deadline. Then every alert
    /// about a household with its clock becomes a sector signal of the monitoring procedure, including those a
    /// crash left unadopted last time.
    public func startPendingClocks(_ running: RunningConfiguration) async throws {
        let screening = ScreeningStore(client: client, logger: logger)
        let monitoring = MonitoringStore(client: client, logger: logger)
        var pending = try await screening.alertsWithoutClock()
        guard !pending.isEmpty else {
            try await monitoring.adoptAlerts(zone: running.configuration.zone)
            return
        }
        let directory = DirectoryStore(client: client, logger: logger)
        let index = DirectoryIndex(units: try await directory.units(), officials: try await directory.officials())
        let context = PlanningInputs(running: running, now: Date(), directoryStamp: "").context
        let planner = SchedulePlanner(plugins: running.plugins, directory: index, context: context)
        let schedule = ScheduleStore(client: client, logger: logger)
        var started = 0
        while !pending.isEmpty {
            try await start(pending, planner: planner, schedule: schedule, screening: screening)
            started += pending.count
            pending = try await screening.alertsWithoutClock()
        }
        try await monitoring.adoptAlerts(zone: running.configuration.zone)
        logger.info("预警核实时钟已启动 (verification clocks started)", metadata: ["alerts": "\(started)"])
    }

    /// One transaction for the batch's clocks, one statement to link them; a crash between the two is mended by
    /// the next call, which finds the same clocks again (an event's clock is unique by event, case and instant).
    private func start(
        _ pending: [PendingAlertClock], planner: SchedulePlanner, schedule: ScheduleStore, screening: ScreeningStore
    ) async throws {
        let starts = pending.map { alert in
            EventClockStart(
                event: EventTrigger.Event.alertRaised.rawValue, unitCode: alert.unitCode, caseNumber: alert.caseNumber,
                sourcePlugin: alert.plugin, at: alert.raisedAt)
        }
        let clockIDs = try await schedule.startEventClocks(starts) { index, id in
            let alert = pending[index]
            return planner.plan(event: ScheduleEvent(
                event: .alertRaised, unitCode: alert.unitCode, occurredAt: alert.raisedAt, clockID: String(id),
                alertSource: alert.plugin))
        }
        try await screening.attachClocks(alertIDs: pending.map(\.alertID), clockIDs: clockIDs)
    }
}
