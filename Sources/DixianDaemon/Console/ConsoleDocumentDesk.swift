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

    init(client: PostgresClient, running: RunningConfiguration, logger: Logger, clock: any WallClock) {
        reports = ReportDesk(client: client, running: running, logger: logger, clock: clock)
        ledgerDesk = LedgerDesk(client: client, running: running, logger: logger, clock: clock)
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
}
