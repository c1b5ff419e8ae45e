import DixianCore
import DixianMonitoring
import DixianScheduling
import DixianStore
import Foundation

/// A case's story in date order (案件经过): signals and their verification, every step of the log, and each clock
/// with its due date and whether it was met in time.
struct CaseTimeline {
    struct Line: Encodable {
        var on: String
        var what: String
        var by: String
        var channel: String
    }

    let lines: [Line]

    init(_ detail: CaseDetail, zone: TimeZone) {
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
            add(clock.dueDate, "时限：" + CaseCommand.clockLine(clock) + Self.completion(clock, zone))
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

    /// The step titles MonitoringSettings gives a chain's steps.
    static let stepTitles = [
        "village_review": "村级评议", "town_review": "乡镇审核", "county_decision": "县级审定",
        "county_caution": "县级审定（谨慎消除风险）",
    ]

    static func dutyName(_ dutyID: String) -> String {
        switch dutyID {
        case "governance.alert_verification": "预警核实"
        case "governance.help_plan_within_deadline": "10日内帮扶计划和帮扶责任人"
        case "governance.measures_within_deadline": "30日内落实帮扶措施"
        default: dutyID
        }
    }
}

/// A case as the CLI and API present it.
struct CaseView: Encodable {
    var number: String
    var id: Int64
    var householdID: String
    var head: String?
    var unitCode: String
    var stage: String
    var stageText: String
    var category: String
    var categoryText: String
    var riskTypes: [String]
    var riskText: String
    var safetyNet: Bool
    var openedOn: String
    var includedOn: String?
    var eliminatedOn: String?
    var helperID: String?
    var helperName: String?

    init(_ record: CaseRecord) {
        number = record.number
        id = record.id
        householdID = record.householdID
        head = record.headMasked
        unitCode = record.unitCode
        stage = record.stage
        stageText = record.stageText
        category = record.category.rawValue
        categoryText = record.category.chineseName
        riskTypes = record.riskTypes.map(\.rawValue)
        riskText = record.riskTypes.map(\.chineseName).joined(separator: "、")
        safetyNet = record.isSafetyNet
        openedOn = record.openedOn.description
        includedOn = record.includedOn?.description
        eliminatedOn = record.eliminatedOn?.description
        helperID = record.helperID
        helperName = record.helperName
    }
}

/// `case show --format json`.
struct CaseDetailView: Encodable {
    struct Clock: Encodable {
        var occurrenceID: Int64
        var duty: String
        var dueDate: String
        var status: String
        var late: Bool
    }

    struct Measure: Encodable {
        var id: Int64
        var type: String
        var answers: String
        var description: String
        var status: String
        var inPlaceOn: String?
    }

    var `case`: CaseView
    var awaitingStep: String?
    var returnedBecause: String?
    var clocks: [Clock]
    var measures: [Measure]
    var helpers: [String]

    init(_ detail: CaseDetail) {
        self.case = CaseView(detail.record)
        awaitingStep = detail.awaitingStep
        returnedBecause = detail.returnedBecause
        clocks = detail.clocks.map {
            Clock(occurrenceID: $0.occurrenceID, duty: $0.dutyID, dueDate: $0.dueDate.description, status: $0.status, late: $0.isLate)
        }
        measures = detail.measures.map {
            Measure(id: $0.measure.id, type: $0.measure.type.rawValue, answers: $0.measure.answers.rawValue,
                    description: $0.measure.description, status: $0.measure.status.rawValue, inPlaceOn: $0.measure.inPlaceOn?.description)
        }
        helpers = detail.helpers.map { "\($0.officialID) \($0.beginsOn)…\($0.endsOn?.description ?? "")" }
    }
}
