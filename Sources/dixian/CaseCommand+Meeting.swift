import ArgumentParser
import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

extension CaseCommand {
    struct Defects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "问题清单：应纳未纳、纳入不及时、体外循环、核实逾期、10/30天时限逾期 (procedure defects).",
            discussion: "依据 003_7054d1b8bccb6c81.txt 一、（三）。天数为治理插件参数 inclusion_deadline_days、timely_inclusion_days（本地设定）。")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只看此单位及其下级 (this unit and below), 12位区划代码", valueName: "CODE")) var org: String?
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        }

        func run() async throws {
            let unit = try org.map { try DivisionCode(validating: $0) }
            let defects = try await ProcedureCLI.withDesk(configurationOptions) { desk in try await desk.defects(unit: unit) }
            if format == .json { return try printJSON(defects.map(DefectView.init)) }
            guard !defects.isEmpty else { return print("没有发现问题 (no defects)") }
            CaseCommand.printDefects(defects)
        }
    }

    struct Agenda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "月度联席会议议程：新信号、核实逾期、时限逾期、风险消除申请 (the monthly joint meeting's agenda).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("月份 (month)", valueName: "YYYY-MM")) var month: String
        @Option(help: ArgumentHelp("只看此单位及其下级 (this unit and below)", valueName: "CODE")) var org: String?
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard Self.parse(month) != nil else { throw ValidationError("--month 应为 YYYY-MM (e.g. 2026-07)") }
            if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        }

        static func parse(_ text: String) -> (Int, Int)? {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
            else { return nil }
            return (year, month)
        }

        func run() async throws {
            let (year, monthNumber) = Self.parse(month)!
            let unit = try org.map { try DivisionCode(validating: $0) }
            let agenda = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                try await desk.agenda(year: year, month: monthNumber, unit: unit)
            }
            if format == .json { return try printJSON(AgendaView(agenda)) }
            print("\(agenda.month) 防止返贫监测帮扶联席会议议程")
            print("\n一、新发现风险信号（\(agenda.newSignals.count) 条）")
            for signal in agenda.newSignals {
                let view = SignalView(signal)
                print("  \(signal.number) \(signal.raisedOn) \(view.sourceText) 村\(signal.unitCode) \(view.subject) \(view.riskText) · \(view.outcomeText)")
            }
            let overdueVerifications = agenda.defects.filter { $0.kind == .verificationOverdue }
            let overdueClocks = agenda.defects.filter { $0.kind == .clockOverdue }
            let others = agenda.defects.filter { ![.verificationOverdue, .clockOverdue].contains($0.kind) }
            print("\n二、核实逾期（\(overdueVerifications.count) 条）")
            printDefects(overdueVerifications)
            print("\n三、帮扶时限逾期（\(overdueClocks.count) 条）")
            printDefects(overdueClocks)
            print("\n四、风险消除申请（\(agenda.eliminationProposals.count) 户）")
            for record in agenda.eliminationProposals {
                print("  \(record.number) 村\(record.unitCode) \(record.householdID) \(record.headMasked ?? "") \(record.category.chineseName)")
            }
            print("\n五、其他问题（应纳未纳、纳入不及时、体外循环，\(others.count) 条）")
            printDefects(others)
        }
    }

    static func printDefects(_ defects: [Defect]) {
        for defect in defects {
            print("  【\(defect.kind.chineseName)】村\(defect.unitCode) 户\(defect.householdID)：\(defect.detail)")
        }
    }
}
