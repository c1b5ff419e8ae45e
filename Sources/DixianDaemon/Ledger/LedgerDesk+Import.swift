import DixianCore
import DixianDirectory
import DixianPlugins
import DixianReports
import DixianStore
import DixianTabular
import Foundation

extension LedgerDesk {
    /// Reads every sheet of a ledger file (XLSX, or a CSV of one group) and settles, for each, its campaign and the
    /// unit its new problems belong to. Any bad cell anywhere refuses the whole file, listing each one.
    ///
    /// - Parameters:
    ///   - campaign: the campaign id; by default the declared campaign whose subject and year the title names.
    ///   - unit: the unit new problems concern; by default the unit the title names, found by name in the directory.
    public func readImport(_ bytes: [UInt8], fileName: String, campaign: String?, unit: DivisionCode?) async throws -> [LedgerImportSheet] {
        let sheets = try Self.readSheets(bytes)
        let units = unit == nil ? try await DirectoryStore(client: client, logger: logger).units() : []
        var result: [LedgerImportSheet] = []
        for (name, sheet) in sheets {
            let campaign = try campaign.map { try self.campaign($0) } ?? matchingCampaign(sheet.heading)
            let unitCode = try unit ?? Self.unit(named: sheet.heading.unitName, in: units)
            result.append(LedgerImportSheet(campaign: campaign.id, unitCode: unitCode, sheet: sheet, source: name ?? fileName))
        }
        guard Set(result.map { "\($0.campaign)\u{0}\($0.sheet.heading.group)" }).count == result.count else {
            throw DeskRefusal("文件中有两个工作表属于同一专班 (two sheets for one working group)")
        }
        return result
    }

    /// The ledger sheets of a file with their sheet names; empty sheets (WPS adds some) are passed over.
    static func readSheets(_ bytes: [UInt8]) throws -> [(String?, LedgerSheet)] {
        let reader = try TabularReader(bytes: bytes)
        let names: [String?] = reader.format == .xlsx ? try reader.sheetNames() : [nil]
        var sheets: [(String?, LedgerSheet)] = []
        var issues: [String] = []
        for name in names {
            do {
                let (sheet, found) = try LedgerSheetReader.read(bytes, sheet: name)
                let prefix = name.map { "工作表 “\($0)” " } ?? ""
                issues += found.map { prefix + $0.description }
                sheets.append((name, sheet))
            } catch let error as TabularError where error.code == .noHeader && isBlank(bytes, sheet: name) {
                continue
            }
        }
        guard issues.isEmpty else {
            throw DeskRefusal("台账有 \(issues.count) 处错误，未导入任何内容 (the ledger has errors; nothing was imported)", issues: issues)
        }
        guard !sheets.isEmpty else { throw DeskRefusal("文件中没有台账 (no ledger in the file)") }
        return sheets
    }

    static func isBlank(_ bytes: [UInt8], sheet: String?) -> Bool {
        do {
            _ = try TabularReader(bytes: bytes, sheet: sheet).readAll()
            return false
        } catch {
            return error.code == .noHeader
        }
    }

    func matchingCampaign(_ heading: LedgerSheet.Heading) throws -> Campaign {
        let matches = campaigns.filter { $0.subject == heading.subject && $0.year == heading.year }
        guard matches.count == 1, let campaign = matches.first else {
            let known = campaigns.map { "\($0.id)（\($0.year) 年度\($0.subject)）" }.joined(separator: "、")
            throw DeskRefusal(
                "无法从标题“\(heading.title)”确定专项整改，请用 --campaign 指定 (cannot tell the campaign from the title)；已声明：\(known)")
        }
        return campaign
    }

    static func unit(named name: String, in units: [OrgUnit]) throws -> DivisionCode {
        let matches = units.filter { $0.name == name }
        guard matches.count == 1, let unit = matches.first else {
            let why = matches.isEmpty ? "组织目录中没有名为“\(name)”的单位" : "组织目录中有 \(matches.count) 个名为“\(name)”的单位"
            throw DeskRefusal("\(why)，请用 --unit 指明新问题所属单位 (give --unit)")
        }
        return unit.code
    }
}
