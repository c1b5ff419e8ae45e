import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianMonitoring
import DixianStore
import Foundation
import Logging

/// Options every step of the procedure shares: when it happened and in whose name.
struct StepOptions: ParsableArguments {
    @Option(help: ArgumentHelp("生效日期，缺省今天；补录时填实际发生日 (effective date, YYYY-MM-DD)", valueName: "DATE"))
    var at: String?
    @Option(help: ArgumentHelp("以此干部的名义，须在组织目录中；缺省记为 cli:<登录用户名> (official id)", valueName: "OFFICIAL"))
    var by: String?

    func validate() throws {
        _ = try effectiveDate()
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by 不能为空 (--by must not be empty)") }
    }

    func effectiveDate() throws -> CalendarDate? {
        guard let at else { return nil }
        guard let date = CalendarDate(parsing: at) else { throw ValidationError("--at 应为 YYYY-MM-DD 日期 (not a date: \(at))") }
        return date
    }

    var official: String? { by?.trimmingCharacters(in: .whitespaces) }
}

/// How `signal` and `case` commands reach the procedure.
enum ProcedureCLI {
    /// Loads the configuration and lends the desk to `body`; a refusal or store failure prints its message on
    /// stderr and exits 1, having changed nothing.
    static func withDesk<R: Sendable>(
        _ options: ConfigurationOptions, _ body: @escaping @Sendable (MonitoringDesk) async throws -> R
    ) async throws -> R {
        let running = try options.loadRunning()
        let clock = try options.clock
        let logger = Logger(label: "dixian.monitoring")
        do {
            return try await DatabaseSession.withClient(configuration: running.configuration, logger: logger) { client, _ in
                try await Migrator().migrate(client: client, logger: logger)
                return try await body(try MonitoringDesk(client: client, running: running, logger: logger, clock: clock))
            }
        } catch let error as StoreError {
            var standardError = StandardError()
            print("错误 (error): \(error.message)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// The entry for a step through the CLI; an official named with `--by` must be in the directory.
    static func entry(_ desk: MonitoringDesk, _ step: StepOptions) async throws -> CaseEntry {
        if let official = step.official { try await desk.store.checkOfficial(official) }
        return try desk.entry(actor: step.official ?? DutyCommand.operatorActor(), channel: .cli, on: try step.effectiveDate())
    }

    /// A case named by id or number (JC00000012).
    static func caseID(_ desk: MonitoringDesk, _ text: String) async throws -> Int64 {
        guard let id = try await desk.store.caseID(text) else {
            throw StoreError(.caseNotFound, "没有监测案件 \(text) (no such case)")
        }
        return id
    }

    /// A signal named by id or number (XH00000012).
    static func signalID(_ text: String) -> Int64? {
        Int64(text.hasPrefix("XH") ? String(text.dropFirst(2)) : text)
    }

    /// `因病,因学` or `illness,schooling`.
    static func riskTypes(_ text: String, option: String = "--risk") throws -> [RiskType] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { $0.trimmingCharacters(in: .whitespaces) }
        let types = try parts.map { part -> RiskType in
            guard let type = RiskType(naming: part) else {
                throw ValidationError("\(option) 不认识“\(part)”，应为 \(RiskType.allCases.map(\.chineseName).joined(separator: " ")) (unknown risk type)")
            }
            return type
        }
        guard !types.isEmpty else { throw ValidationError("\(option) 至少一种风险类型 (at least one risk type)") }
        return Array(Set(types)).sorted()
    }

    /// What a step did, in one line.
    static func describe(_ result: MonitoringStore.StepResult) -> String {
        var parts = ["案件 \(result.caseNumber)", CaseRecord.stageText(result.stage)]
        for action in result.actions {
            switch action {
            case .includeHousehold(let category): parts.append("已纳入监测（\(category.chineseName)），10天、30天时限已启动")
            case .returnedForRevision(let reason, let step): parts.append("已退回至“\(step.title)”：\(reason)")
            case .markSafetyNet: parts.append("已标识为兜底保障户，继续监测")
            case .eliminateRisk: parts.append("风险已消除，时限已停止")
            default: break
            }
        }
        if result.clocksMet > 0 { parts.append("完成时限任务 \(result.clocksMet) 项") }
        if result.clocksStopped > 0 { parts.append("停止时限任务 \(result.clocksStopped) 项") }
        return parts.joined(separator: " · ")
    }
}
