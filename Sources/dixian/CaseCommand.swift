import ArgumentParser
import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

/// `dixian case …`: monitoring cases (监测帮扶案件) from inclusion to risk elimination.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "监测帮扶案件：纳入审批、帮扶责任人、帮扶计划与措施、风险消除、问题清单 (monitoring cases).",
        discussion: """
            程序 (procedure)：核实确认存在风险 → 纳入审批（缺省 村级评议 → 乡镇审核 → 县级审定，治理插件参数
            inclusion_approval_roles）→ 纳入后 10 天内明确 1 名帮扶责任人并制定帮扶计划 → 30 天内每类风险落实措施 →
            风险消除（先过规则检查，再走审批链；谨慎消除另加县级审定）。每一步写入案件记录和审计日志：谁、何时录入、
            何时生效、经由何渠道。案件编号 JC+8位，可用编号或数字 id。

            示例 (examples):
              dixian case list --org 149721101000 --status monitored
              dixian case approve JC00000003 --by 0101001 --at 2026-07-05
              dixian case approve JC00000003 --reject --comment "收入核算有误，请重新核实"
              dixian case helper JC00000003 --official 0101023
              dixian case plan JC00000003 --text "申请临时救助，安排公益性岗位"
              dixian case measure JC00000003 --type 健康 --risk 因病 --description "大病补充保险报销"
              dixian case in-place JC00000003 --measure 7 --evidence "报销单据已核"
              dixian case eliminate JC00000003 --check
              dixian case timeline JC00000003
              dixian case defects --org 149721101000
              dixian case agenda --month 2026-07

            退出码: 0 成功（--check 时规则允许消除）; 1 被程序规则拒绝、编号不存在或数据库错误（均未做任何修改）;
            2 --check 时规则不允许消除; 64 参数错误。
            """,
        subcommands: [
            List.self, Show.self, Timeline.self, Approve.self, Helper.self, Plan.self, Measure.self, InPlace.self,
            Eliminate.self, Defects.self, Agenda.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出监测案件，最新的在前 (list cases).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只看此单位及其下级 (this unit and below), 12位区划代码", valueName: "CODE")) var org: String?
        @Option(help: ArgumentHelp("inclusion_proposed | monitored | elimination_proposed | eliminated", valueName: "STATUS")) var status: String?
        @Option(help: ArgumentHelp("脱贫不稳定户 | 边缘易致贫户 | 突发严重困难户 (category)", valueName: "C")) var category: String?
        @Option(help: ArgumentHelp("最多条数 (at most), 1-10000", valueName: "N")) var limit: Int = 200
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        static let stages = ["inclusion_proposed", "monitored", "elimination_proposed", "eliminated"]

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit 应在 1-10000 之间") }
            if let status, !Self.stages.contains(status) { throw ValidationError("--status 应为 \(Self.stages.joined(separator: "、"))") }
            if let category, MonitoringCategory(naming: category) == nil { throw ValidationError("--category 不认识 \(category)") }
            if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        }

        func run() async throws {
            let filter = CaseFilter(
                unit: try org.map { try DivisionCode(validating: $0) }, stage: status,
                category: category.flatMap { MonitoringCategory(naming: $0) }, limit: limit)
            let cases = try await ProcedureCLI.withDesk(configurationOptions) { desk in try await desk.store.cases(filter) }
            if format == .json { return try printJSON(cases.map(CaseView.init)) }
            guard !cases.isEmpty else { return print("没有符合条件的监测案件 (no cases)") }
            printTable(
                ["案件 CASE", "户 HOUSEHOLD", "户主 HEAD", "村 VILLAGE", "类别 CATEGORY", "风险 RISK", "阶段 STAGE", "帮扶责任人 HELPER"],
                cases.map { record in
                    let view = CaseView(record)
                    return [record.number, record.householdID, record.headMasked ?? "-", record.unitCode, record.category.chineseName,
                            view.riskText, view.stageText, record.helperName ?? "-"]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一个案件的现状 (one case as it stands).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let id = self.id
            let detail = try await CaseCommand.detail(configurationOptions, id)
            if format == .json { return try printJSON(CaseDetailView(detail)) }
            let record = detail.record
            let view = CaseView(record)
            let rows: [(String, String?)] = [
                ("案件 case", record.number), ("户 household", record.householdID), ("户主 head", record.headMasked),
                ("村 village", record.unitCode), ("类别 category", record.category.chineseName), ("风险类型 risk", view.riskText),
                ("阶段 stage", view.stageText + (record.isSafetyNet ? "（兜底保障户）" : "")),
                ("待审批 awaiting", detail.awaitingStep), ("退回理由 returned", detail.returnedBecause),
                ("发现 opened", record.openedOn.description), ("纳入 included", record.includedOn?.description),
                ("风险消除 eliminated", record.eliminatedOn?.description),
                ("帮扶责任人 helper", record.helperName.map { "\($0)（\(record.helperID ?? "")）" }),
                ("帮扶措施 measures", "\(detail.measures.count) 项，已落实 \(detail.measures.filter { $0.measure.status == .inPlace }.count) 项"),
            ]
            for (label, value) in rows { if let value { print("\(label): \(value)") } }
            for clock in detail.clocks { print("时限 clock: " + CaseTimeline.clockLine(clock)) }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "案件的全部经过：信号、核实、审批、时限、帮扶责任人、措施 (every step of a case, in order).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let id = self.id
            let detail = try await CaseCommand.detail(configurationOptions, id)
            let zone = try configurationOptions.load().configuration.zone
            let lines = CaseTimeline(detail, zone: zone).lines
            if format == .json { return try printJSON(lines) }
            printTable(["日期 ON", "事项 WHAT", "经办 BY", "渠道 CHANNEL"], lines.map { [$0.on, $0.what, $0.by, $0.channel] })
        }
    }

    static func detail(_ options: ConfigurationOptions, _ id: String) async throws -> CaseDetail {
        try await ProcedureCLI.withDesk(options) { desk in
            let caseID = try await ProcedureCLI.caseID(desk, id)
            guard let detail = try await desk.store.caseDetail(id: caseID) else {
                throw StoreError(.caseNotFound, "没有监测案件 \(id) (no such case)")
            }
            return detail
        }
    }

}
