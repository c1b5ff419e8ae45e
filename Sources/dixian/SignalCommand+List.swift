import ArgumentParser
import DixianCore
import DixianDirectory
import DixianStore
import DixianWeb
import Foundation

extension SignalCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出风险信号，最新的在前 (list signals, newest first).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只看此单位及其下级 (this unit and below), 12位区划代码", valueName: "CODE")) var org: String?
        @Flag(help: "只看待核实的 (only those not verified yet)") var pending = false
        @Option(help: ArgumentHelp("只看此来源 sector|visit|self (source)", valueName: "S")) var source: String?
        @Option(help: ArgumentHelp("最多条数 (at most), 1-10000", valueName: "N")) var limit: Int = 200
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit 应在 1-10000 之间") }
            if let source, SignalSource(rawValue: source) == nil { throw ValidationError("--source 应为 sector、visit 或 self") }
            if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        }

        func run() async throws {
            let filter = SignalFilter(
                unit: try org.map { try DivisionCode(validating: $0) }, pendingOnly: pending,
                source: source.flatMap(SignalSource.init(rawValue:)), limit: limit)
            let signals = try await ProcedureCLI.withDesk(configurationOptions) { desk in try await desk.store.signals(filter) }
            if format == .json { return try printJSON(signals.map(SignalView.init)) }
            guard !signals.isEmpty else { return print("没有符合条件的风险信号 (no signals)") }
            printTable(
                ["编号 ID", "来源 SOURCE", "户 HOUSEHOLD", "村 VILLAGE", "风险 RISK", "发生 ON", "核实期限 DUE", "结果 OUTCOME"],
                signals.map { signal in
                    let view = SignalView(signal)
                    return [signal.number, view.sourceText, view.subject, signal.unitCode, view.riskText,
                            signal.raisedOn.description, signal.verifyBy?.description ?? "-", view.outcomeText]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一条风险信号的详情 (one signal in full).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("信号编号 (signal id)", valueName: "ID")) var id: String
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard ProcedureCLI.signalID(id) != nil else { throw ValidationError("信号编号应为数字或 XH 编号 (signal id)") }
        }

        func run() async throws {
            let signalID = ProcedureCLI.signalID(id)!
            let found = try await ProcedureCLI.withDesk(configurationOptions) { desk in try await desk.store.signal(id: signalID) }
            guard let signal = found else {
                var standardError = StandardError()
                print("错误 (error): 没有编号为 \(id) 的风险信号 (no such signal)", to: &standardError)
                throw ExitCode.failure
            }
            let view = SignalView(signal)
            if format == .json { return try printJSON(view) }
            let rows: [(String, String?)] = [
                ("编号 id", signal.number), ("来源 source", view.sourceText), ("对象 subject", view.subject),
                ("村 village", signal.unitCode), ("风险类型 risk", view.riskText), ("情况 note", signal.note),
                ("发生日期 on", signal.raisedOn.description), ("录入 entered", "\(signal.enteredBy) · \(signal.channel)"),
                ("回执号 receipt", signal.receipt), ("核实期限 verify by", signal.verifyBy?.description),
                ("核实结果 outcome", view.outcomeText), ("理由 reason", signal.outcomeReason),
                ("核实日期 verified on", signal.verifiedOn?.description), ("核实人 verified by", signal.verifiedBy),
                ("案件 case", signal.caseID.map(MonitoringStore.caseNumber)),
            ]
            for (label, value) in rows { if let value, !value.isEmpty { print("\(label): \(value)") } }
        }
    }
}

extension SignalCommand {
    struct Poster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各村农户自主申报海报的链接（印成二维码张贴）(each village's self-declaration poster link).",
            discussion: "链接为 <links.base_url>/apply/<令牌>，每村固定；轮换 links.secret_file 后旧海报失效。农户在手机上填写姓名、电话、身份证号（选填）、困难类型和情况说明，提交后得到回执号。")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只列此单位下的村 (villages under this unit)", valueName: "CODE")) var org: String?
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        }

        func run() async throws {
            let unit = try org.map { try DivisionCode(validating: $0) }
            let posters = try await ProcedureCLI.withDesk(configurationOptions) { desk in try await desk.posters(unit: unit) }
            if format == .json { return try printJSON(posters) }
            printTable(["村 VILLAGE", "名称 NAME", "链接 URL"], posters.map { [$0.village, $0.name, $0.url] })
        }
    }
}
