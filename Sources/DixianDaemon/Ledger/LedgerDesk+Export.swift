import DixianCore
import DixianDirectory
import DixianPlugins
import DixianReports
import DixianStore
import DixianTabular
import Foundation

extension LedgerDesk {
    /// The file format of an export, from the output's extension.
    public enum ExportFormat: String, Sendable {
        case xlsx, csv
    }

    /// What an export wrote.
    public struct Export: Sendable {
        public var bytes: [UInt8]
        public var campaign: Campaign
        public var sheets: Int
        public var problems: Int
    }

    /// The ledger in seed 003's 附件1 layout: one sheet per working group, titled for `filter.unit` (default: the
    /// narrowest unit holding every problem). The campaign may be left out when only one has problems. A CSV holds
    /// one working group. `emptyGroup` makes a blank sheet when nothing matches, for an office to fill in.
    public func export(_ filter: LedgerFilter, date: CalendarDate, format: ExportFormat, emptyGroup: String? = nil) async throws -> Export {
        let records = try await store.problems(filter)
        let campaignIDs = Set(records.map(\.campaign))
        guard let campaignID = filter.campaign ?? (campaignIDs.count == 1 ? campaignIDs.first : campaigns.count == 1 ? campaigns.first?.id : nil) else {
            throw DeskRefusal(
                "台账涉及多个专项整改，请用 --campaign 指定其一 (several campaigns: choose one)：\(campaignIDs.sorted().joined(separator: "、"))")
        }
        let campaign = try campaign(campaignID)
        let mine = records.filter { $0.campaign == campaign.id }
        let unitName = try await titleUnitName(filter.unit, records: mine)
        let book = LedgerBook(
            rows: mine.map { LedgerBook.Row(group: $0.group, filledBy: $0.filledBy, problem: $0.problem) }, unitName: unitName,
            year: campaign.year, subject: campaign.subject, date: date, emptyGroup: emptyGroup ?? filter.group)
        guard !book.sheets.isEmpty else {
            throw DeskRefusal("没有符合条件的整改问题；要导出空白台账请用 --group 指明专班 (nothing to export: give --group for a blank ledger)")
        }
        switch format {
        case .xlsx:
            return Export(bytes: try XLSXWriter.write(book.workbook()), campaign: campaign, sheets: book.sheets.count, problems: mine.count)
        case .csv:
            guard book.sheets.count == 1 else {
                throw DeskRefusal(
                    "CSV 只能容纳一个专班，此次有 \(book.sheets.count) 个，请用 --group 指定或导出 .xlsx (a CSV holds one working group)")
            }
            return Export(bytes: try book.sheets[0].csv(), campaign: campaign, sheets: 1, problems: mine.count)
        }
    }

    /// The unit a ledger's title names: the one asked for, else the narrowest unit above every problem, else the
    /// county.
    func titleUnitName(_ asked: DivisionCode?, records: [LedgerRecord]) async throws -> String {
        if let asked { return try await unit(asked).name }
        let directory = DirectoryStore(client: client, logger: logger)
        if var common = records.first?.unitCode {
            for record in records.dropFirst() {
                while !common.contains(record.unitCode), let parent = common.parent { common = parent }
            }
            if let unit = try await directory.unit(common) { return unit.name }
        }
        return try await directory.homeUnitName()
    }
}
