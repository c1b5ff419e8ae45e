import DixianCore
import DixianMonitoring
import DixianScheduling
import DixianStore
import Foundation

/// A case's story in date order (案件经过): signals and their verification, every step of the log, and each clock
/// with its due date and whether it was met in time.
public struct CaseTimeline: Sendable {
    public struct Line: Encodable, Sendable {
        public var on: String
        public var what: String
        public var by: String
        public var channel: String
    }

    public let lines: [Line]

    public init(_ detail: CaseDetail, zone: TimeZone) {
        var entries: [(CalendarDate, Int, Line)] = []
        var order = 0
        func add(_ date: CalendarDate, _ what: String, by: String = "", channel: String = "") {
            order += 1
            entries.append((date, order, Line(on: date.description, what: PersonalDataMask.maskingIDNumbers(in: what), by: by, channel: channel)))
        }
        for signal in detail.signals {
            let risks = signal.riskTypes.map(\.chineseName).joined(separator: "、")
            add(signal.raisedOn, "风险信号 \(signal.number)（\(signal.source.chineseName)）：\(risks) \(signal.note)",
                by: signal.enteredBy, channel: signal.channel)
            if let verified = signal.verifiedOn, let outcome = signal.outcome {
                add(verified, "核实 \(signal.number)：\(MonitoringStore.outcomeText(outcome))", by: signal.verifiedBy ?? "",
                    channel: signal.verifiedChannel ?? "")
            }
        }
        for event in detail.events {
            add(event.effectiveOn, Self.describe(event.step, detail), by: event.actor, channel: event.channel)
        }
        for clock in detail.clocks {
            add(clock.dueDate, "时限：" + Self.clockLine(clock) + Self.completion(clock, zone))
        }
        lines = entries.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    private static func completion(_ clock: CaseClockRecord, _ zone: TimeZone) -> String {
        clock.completedAt.map { "（完成于 \($0.localDate(in: zone))）" } ?? ""
    }

    static func describe(_ step: CaseStep, _ detail: CaseDetail) -> String {
        switch step {
        case .confirmRisk(let category, let types):
            return "核实确认存在风险，提出纳入监测：\(category.chineseName)，\(types.map(\.chineseName).joined(separator: "、"))"
        case .decideInclusion(let record), .decideElimination(let record):
            let what = "\(step.chineseName)（\(stepTitles[record.stepID] ?? record.stepID)）"
            return record.comment.isEmpty ? what : "\(what)：\(record.comment)"
        case .assignHelper(let official):
            let name = detail.helpers.first { $0.officialID == official }?.officialName ?? official
            return "明确帮扶责任人：\(name)（\(official)）"
        case .recordPlan(let text):
            return "制定帮扶计划：\(text)"
        case .addMeasure(let measure):
            return "申报帮扶措施 #\(measure.id)（\(measure.type.chineseName)，针对\(measure.answers.chineseName)）：\(measure.description)"
        case .putInPlace(let id, _, let evidence):
            return "帮扶措施 #\(id) 已落实：\(evidence)"
        case .proposeElimination(let refusals, let cautions):
            if refusals.isEmpty {
                let care = cautions.isEmpty ? "" : "（谨慎消除：" + cautions.map(\.message).joined(separator: "；") + "）"
                return "提出风险消除，规则检查通过\(care)"
            }
            return "风险消除不予通过：" + refusals.map(\.message).joined(separator: "；")
        }
    }

    /// A clock as one line: what, due when, and met in time, late, open, overdue or stopped.
    public static func clockLine(_ clock: CaseClockRecord, now: Date = Date()) -> String {
        let state: String = switch clock.status {
        case "done": clock.isLate ? "逾期完成" : "按时完成"
        case "open": clock.dueAt < now ? "已逾期，未完成" : "进行中"
        case "not_applicable": "已停止"
        case "waived": "已豁免"
        default: clock.status
        }
        return "\(dutyName(clock.dutyID)) 期限 \(clock.dueDate.description) · \(state)"
    }

    /// The step titles MonitoringSettings gives a chain's steps.
    static let stepTitles = [
        "village_review": "村级评议", "town_review": "乡镇审核", "county_decision": "县级审定",
        "county_caution": "县级审定（谨慎消除风险）",
    ]

    public static func dutyName(_ dutyID: String) -> String {
        switch dutyID {
        case "governance.alert_verification": "预警核实"
        case "governance.help_plan_within_deadline": "10日内帮扶计划和帮扶责任人"
        case "governance.measures_within_deadline": "30日内落实帮扶措施"
        default: dutyID
        }
    }
}
