import DixianCore
import DixianDirectory
import DixianReports
import DixianStore

/// What the console's officials download or preview, built by the daemon's desks (DixianDaemon's
/// `ConsoleDocumentDesk`, made per request from the running configuration): a period report (周报、月报、季报), the
/// rectification ledger as 附件1's workbook, and a plugin's reminders of next month.
public protocol ConsoleDocuments: Sendable {
    /// Today in the county's time zone.
    var today: CalendarDate { get }
    /// The ledger's store, for the console's lists and progress entries.
    var ledger: LedgerStore { get }
    /// The plugins' rectification campaigns (专项整改), id and title.
    var campaigns: [(id: String, title: String)] { get }
    /// The report of `period` for `unit` and the units below it.
    func report(_ period: ReportPeriod, unit: DivisionCode) async throws -> PeriodReport
    /// 附件1's workbook of one campaign's problems under `unit` (the only campaign when nil). Throws
    /// ``DocumentRefusal`` when there is nothing to export or the campaign is unknown.
    func ledgerWorkbook(unit: DivisionCode, campaign: String?) async throws -> (title: String, bytes: [UInt8])
    /// The messages `plugin`'s duties would send from `first` through `last` under the running configuration,
    /// only those whose unit code and recipient id `visible` keeps.
    func reminderPreview(
        plugin: String, from first: CalendarDate, through last: CalendarDate,
        visible: @Sendable (_ unit: DivisionCode, _ recipientID: String) -> Bool
    ) async throws -> ReminderPreview
}

/// Why a document was not built, in words for the official.
public struct DocumentRefusal: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
