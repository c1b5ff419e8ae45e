import DixianCore
import DixianLinks
import DixianMonitoring
import DixianPlugins
import DixianStore
import Foundation

/// The forms of the procedure's steps that a reminder leads to (核实, 帮扶责任人和计划, 措施落实) and what
/// submitting one records: one definition for the signed-link pages and the console, so a step asks the same
/// questions and checks the same answers wherever it is entered.
struct ProcedureStepForms: Sendable {
    /// A step's form: the facts shown above it, its fields and its button.
    struct Form: Sendable {
        var title: String
        var facts: [(String, String)]
        var fields: [ProcedureFormPage.Field]
        var button: String
    }

    let desk: any ProcedureDesk
    let plugins: PluginSet
    let today: CalendarDate

    /// The names a step form submits; `risk` may repeat (check boxes).
    static let fieldNames: Set<String> = [
        "outcome", "reason", "category", "risk", "on", "helper", "plan", "measure", "type", "answers", "description", "evidence",
    ]

    /// The form of `target`, at `unitName`, with the clock's deadline when there is one.
    func form(for target: ProcedureLinkTarget, unitName: String, due: String?) async throws -> Form {
        let on = ProcedureFormPage.Field("on", "实际日期", .date(default: today.description), hint: "入户或落实的日期，可补录此前的日期")
        let deadline = due.map { [("期限", $0)] } ?? []
        switch target {
        case .verification(let signalID):
            guard let signal = try await desk.store.signal(id: signalID) else { throw StoreError(.caseNotFound, "风险信号不存在") }
            let facts = [("风险信号", signal.number), ("来源", signal.source.chineseName), ("村", unitName),
                         ("户", Self.subject(signal)), ("原因", reason(signal)), ("发现日期", signal.raisedOn.chineseDescription)] + deadline
            let fields: [ProcedureFormPage.Field] = [
                .init("outcome", "核实结果", .radio([.init("not_a_risk", "不是风险"), .init("risk_confirmed", "确认存在风险，提出纳入监测"),
                                                  .init("already_monitored", "已是监测对象")])),
                .init("reason", "不是风险的理由", .textarea, hint: "选“不是风险”时必填"),
                .init("category", "监测对象类别", .select(MonitoringCategory.allCases.map { .init($0.rawValue, $0.chineseName) }), hint: "确认存在风险时必选"),
                .init("risk", "风险类型", .checkboxes(RiskType.allCases.map { .init($0.rawValue, $0.chineseName) }), hint: "不选则沿用信号的风险类型"),
                on,
            ]
            return Form(title: "返贫致贫风险核实", facts: facts, fields: fields, button: "提交核实结果")
        case .helpPlan(let caseID), .measures(let caseID):
            guard let detail = try await desk.store.caseDetail(id: caseID) else { throw StoreError(.caseNotFound, "案件不存在") }
            let c = detail.record
            var facts = [("案件", c.number), ("村", unitName), ("户主", c.headMasked ?? "-"), ("类别", c.category.chineseName),
                         ("风险类型", c.riskTypes.map(\.chineseName).joined(separator: "、")), ("纳入日期", c.includedOn?.chineseDescription ?? "-")]
                + deadline
            if case .helpPlan = target {
                let candidates = try await desk.store.helperCandidates(caseID: caseID)
                facts.append(("现帮扶责任人", c.helperName ?? "未明确"))
                return Form(title: "明确帮扶责任人、制定帮扶计划", facts: facts, fields: [
                    .init("helper", "帮扶责任人", .select(candidates.map { .init($0.id, "\($0.name)（\($0.id)）") })),
                    .init("plan", "帮扶计划", .textarea), on,
                ], button: "提交")
            }
            let planned = detail.measures.filter { $0.measure.status == .planned }
            for measure in detail.measures { facts.append(("措施 #\(measure.measure.id)", Self.measureText(measure.measure))) }
            return Form(title: "落实帮扶措施", facts: facts, fields: [
                .init("measure", "已申报的措施", .select(planned.map { .init(String($0.measure.id), "#\($0.measure.id) " + Self.measureText($0.measure)) }),
                      hint: "落实已申报的措施，或在下面填写新措施"),
                .init("type", "新措施类型", .select(MeasureType.allCases.map { .init($0.rawValue, $0.chineseName) })),
                .init("answers", "针对的风险", .select(c.riskTypes.map { .init($0.rawValue, $0.chineseName) })),
                .init("description", "新措施内容", .text),
                .init("evidence", "落实情况及佐证", .textarea), on,
            ], button: "登记已落实")
        }
    }

    /// The date a form says the step happened on, today when blank.
    static func effectiveDate(_ form: ProcedureForm) throws -> CalendarDate? {
        try form.value("on").map { text -> CalendarDate in
            guard let date = CalendarDate(parsing: text) else { throw StoreError(.stepRefused, "日期格式应为 年-月-日") }
            return date
        }
    }

    /// Records the step `form` describes; returns what was recorded, as the official reads it.
    func record(_ target: ProcedureLinkTarget, _ form: ProcedureForm, _ entry: CaseEntry) async throws -> String {
        switch target {
        case .verification(let signalID):
            let verdict: SignalVerdict
            switch form.value("outcome") {
            case "not_a_risk": verdict = .notARisk(reason: form.value("reason") ?? "")
            case "already_monitored": verdict = .alreadyMonitored
            case "risk_confirmed":
                guard let category = form.value("category").flatMap(MonitoringCategory.init(rawValue:)) else {
                    throw StoreError(.stepRefused, "确认存在风险须选择监测对象类别")
                }
                var types = form.all("risk").compactMap(RiskType.init(rawValue:))
                if types.isEmpty { types = try await desk.store.signal(id: signalID)?.riskTypes ?? [] }
                verdict = .riskConfirmed(category: category, riskTypes: types, householdID: nil)
            default: throw StoreError(.stepRefused, "请选择核实结果")
            }
            let result = try await desk.store.verify(signalID: signalID, verdict, entry: entry)
            return "核实结果已记录：\(MonitoringStore.outcomeText(result.signal.outcome ?? ""))" + (result.caseNumber.map { "，案件 \($0) 进入纳入审批" } ?? "") + "。"
        case .helpPlan(let caseID):
            guard let helper = form.value("helper"), let plan = form.value("plan") else {
                throw StoreError(.stepRefused, "请选择帮扶责任人并填写帮扶计划")
            }
            let result = try await desk.store.assignHelperAndPlan(caseID: caseID, officialID: helper, plan: plan, entry: entry)
            return "帮扶责任人和帮扶计划已记录（案件 \(result.caseNumber)）" + (result.clocksMet > 0 ? "，10日时限已完成。" : "。")
        case .measures(let caseID):
            guard let evidence = form.value("evidence") else { throw StoreError(.stepRefused, "请填写落实情况及佐证") }
            let existing = form.value("measure").flatMap(Int64.init)
            var new: (type: MeasureType, answers: RiskType, description: String)?
            if existing == nil, let type = form.value("type").flatMap(MeasureType.init(rawValue:)),
                let answers = form.value("answers").flatMap(RiskType.init(rawValue:)), let description = form.value("description")
            {
                new = (type, answers, description)
            }
            let result = try await desk.store.measureInPlace(caseID: caseID, existing: existing, new: new, evidence: evidence, entry: entry)
            return "措施落实已记录（案件 \(result.caseNumber)）" + (result.clocksMet > 0 ? "，每类风险均已有落实的措施，30日时限已完成。" : "。")
        }
    }

    /// The household of a signal (id and masked head), or who declared it.
    static func subject(_ signal: SignalRecord) -> String {
        if let household = signal.householdID { return [household, signal.headMasked].compactMap { $0 }.joined(separator: " 户主") }
        return signal.declarant ?? "-"
    }

    /// The alert's rule title for a sector signal, else the risk types and note.
    func reason(_ signal: SignalRecord) -> String {
        let risks = signal.riskTypes.map(\.chineseName).joined(separator: "、")
        guard signal.source == .sector else { return PersonalDataMask.maskingIDNumbers(in: "\(risks)：\(signal.note)") }
        return plugins.rule(qualifiedID: signal.enteredBy)?.title ?? signal.enteredBy
    }

    static func measureText(_ measure: HelpMeasure) -> String {
        "\(measure.type.chineseName)（针对\(measure.answers.chineseName)）\(measure.description) · " + (measure.status == .inPlace ? "已落实" : "计划")
    }
}
