import DixianCore
import DixianDirectory
import DixianReports
import DixianStore
import DixianTabular
import DixianWeb
import Foundation
import Logging
import PostgresNIO

/// The console's downloads, built by the same desks as `dixian report` and `dixian ledger export`.
struct ConsoleDocumentDesk: ConsoleDocuments {
    let reports: ReportDesk
    let ledgerDesk: LedgerDesk
    let directory: DirectoryCache
    let running: RunningConfiguration

    init(client: PostgresClient, running: RunningConfiguration, directory: DirectoryCache, logger: Logger, clock: any WallClock) {
        reports = ReportDesk(client: client, running: running, logger: logger, clock: clock)
        ledgerDesk = LedgerDesk(client: client, running: running, logger: logger, clock: clock)
        self.directory = directory
        self.running = running
    }

    /// The same desk under another configuration (an override's candidate), sharing the directory cache.
    init(running: RunningConfiguration, sharing other: ConsoleDocumentDesk) {
        reports = other.reports
        ledgerDesk = other.ledgerDesk
        directory = other.directory
        self.running = running
    }

    var today: CalendarDate { ledgerDesk.today }
    var ledger: LedgerStore { ledgerDesk.store }
    var campaigns: [(id: String, title: String)] { ledgerDesk.campaigns.map { ($0.id, $0.title) } }

    func report(_ period: ReportPeriod, unit: DivisionCode) async throws -> PeriodReport {
        try await reports.report(period, unit: unit)
    }

    func ledgerWorkbook(unit: DivisionCode, campaign: String?) async throws -> (title: String, bytes: [UInt8]) {
        do {
            let export = try await ledgerDesk.export(LedgerFilter(campaign: campaign, unit: unit), date: today, format: .xlsx)
            return (export.campaign.title + "台账", export.bytes)
        } catch let refusal as DeskRefusal {
            throw DocumentRefusal(refusal.message)
        }
    }

    /// `dixian simulate`'s planner over the stored directory, kept to one plugin's duties.
    func reminderPreview(
        plugin: String, from first: CalendarDate, through last: CalendarDate,
        visible: @Sendable (DivisionCode, String) -> Bool
    ) async throws -> ReminderPreview {
        let snapshot = try await directory.current()
        // In DirectoryStore's order (units by code, officials by unit then id), as `dixian simulate` reads them.
        let units = snapshot.units.values.sorted { $0.code.rawValue < $1.code.rawValue }
        let officials = snapshot.officials.values.sorted { ($0.orgUnitCode.rawValue, $0.id) < ($1.orgUnitCode.rawValue, $1.id) }
        let simulation = ScheduleSimulation(running: running, units: units, officials: officials)
            .restricted(toPlugin: plugin)
        let report = simulation.run(from: first, through: last) { message, occurrence in
            occurrence.dutyID.hasPrefix(plugin + ".") && visible(occurrence.unitCode, message.recipientID)
        }
        let lines = report.messages.map { message in
            ReminderPreview.Line(
                sendAt: message.sendAtLocal, isReminder: message.kind == .reminder, recipient: message.recipientName, role: message.roleName,
                channel: message.channel, duty: message.dutyTitle, unit: message.unitName, period: message.periodLabel,
                due: message.dueAtLocal)
        }
        return ReminderPreview(first: first, last: last, lines: lines, warnings: report.warnings)
    }
}
