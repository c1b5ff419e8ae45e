import DixianConsole
import DixianCore
import DixianLinks
import DixianMonitoring
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

extension ConsoleRoutes {
    /// The steps a case page offers, by the last segment of their form's address.
    enum CaseStep: String {
        /// 明确帮扶责任人、制定帮扶计划 (the 10-day clock).
        case helperPlan = "helper-plan"
        /// 落实帮扶措施 (the 30-day clock).
        case measure
        /// 审批 (纳入 or 风险消除, whichever awaits).
        case decision
    }

    func registerMonitoring<Context: RequestContext>(on router: Router<Context>) {
        let routes = self
        router.get(Self.casesRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.cases(request) }
        }
        router.get(Self.caseRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.casePage(request, caseID: id) }
        }
        router.post(Self.caseStepRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            let step = context.parameters.get("step").flatMap(CaseStep.init(rawValue:))
            return await routes.answer { try await routes.caseStep(request, caseID: id, step: step) }
        }
        router.get(Self.signalRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.signalPage(request, signalID: id) }
        }
        router.post(Self.signalVerifyRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.verify(request, signalID: id) }
        }
    }

    /// `GET /console/cases[?stage=…&category=…]` (监测户): the cases the person sees; an unknown filter is 400.
    func cases(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.casesRoute.path)
        let query = request.uri.queryParameters
        let stage = query["stage"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let category = query["category"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        guard stage.map(Self.stages.contains) ?? true, category.map({ MonitoringCategory(rawValue: $0) != nil }) ?? true else {
            return message(.badRequest, heading: "无法识别的筛选条件", text: "阶段或类别不在可选范围内。",
                           next: .init(title: "查看全部监测户", href: Self.casesRoute.path), user: user)
        }
        let rows = try await store.cases(in: visitor.scope, stage: stage, category: category.flatMap(MonitoringCategory.init(rawValue:)), now: now())
        let view = CasesView(
            stages: Self.stages.map { .init(value: $0, label: CaseRecord.stageText($0), selected: $0 == stage) },
            categories: MonitoringCategory.allCases.map { .init(value: $0.rawValue, label: $0.chineseName, selected: $0.rawValue == category) },
            count: rows.count,
            cases: rows.map { row in
                CasesView.Case(
                    id: row.id, number: row.number, unit: row.unitName, head: row.headMasked, stage: CaseRecord.stageText(row.stage),
                    category: row.category?.chineseName ?? "", risks: row.riskTypes.map(\.chineseName).joined(separator: "、"),
                    helper: row.helperName, nextDue: row.nextDue, overdue: row.isOverdue)
            })
        return ConsoleResponse.page(.ok, renderer.page(title: "监测户", user: user, template: "cases", view: view))
    }

    static let stages = ["inclusion_proposed", "monitored", "elimination_proposed", "eliminated"]

    /// `GET /console/cases/ID`: a case the person sees, with its timeline and the forms of the steps they may take.
    func casePage(_ request: Request, caseID: Int64?, problem: String? = nil, notice: String? = nil) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.casesRoute.path)
        guard let caseID, let unit = try await store.caseUnit(id: caseID, in: visitor.scope), let desk = try procedureDesk?(),
            let detail = try await desk.store.caseDetail(id: caseID)
        else { return notFound(user) }
        let c = detail.record
        var facts: [ConsoleCaseView.Fact] = [
            .init("村", unit.name), .init("户主", c.headMasked ?? "-"), .init("阶段", c.stageText), .init("类别", c.category.chineseName),
            .init("风险类型", c.riskTypes.map(\.chineseName).joined(separator: "、")), .init("发现日期", c.openedOn.description),
            .init("纳入日期", c.includedOn?.description ?? "-"), .init("帮扶责任人", c.helperName ?? "未明确"),
        ]
        if let awaiting = detail.awaitingStep { facts.append(.init("待审批", awaiting)) }
        if let returned = detail.returnedBecause { facts.append(.init("退回理由", returned)) }
        let forms = try await caseForms(detail, unit: unit, visitor: visitor, desk: desk)
        let view = ConsoleCaseView(
            number: c.number, notice: notice, problem: problem, facts: facts, forms: forms,
            timeline: CaseTimeline(detail, zone: desk.zone).lines)
        return ConsoleResponse.page(problem == nil ? .ok : .badRequest, renderer.page(title: "监测户 \(c.number)", user: user, template: "case", view: view))
    }

    /// The forms of the steps the person may take on the case now.
    private func caseForms(_ detail: CaseDetail, unit: ConsoleStore.ScopedUnit, visitor: Visitor, desk: any ProcedureDesk) async throws -> [StepFormView] {
        let c = detail.record, path = "/console/cases/\(c.id)/"
        var forms: [StepFormView] = []
        if let role = detail.awaitingRole, visitor.holder(of: role, at: unit.code) != nil {
            forms.append(StepFormView(
                title: detail.awaitingStep ?? "审批", action: path + CaseStep.decision.rawValue, csrf: visitor.session.csrfToken, button: "提交审批意见",
                fields: [.init("decision", "审批意见", .radio([.init("approved", "同意"), .init("rejected", "不同意，退回")])),
                         .init("comment", "说明", .textarea, hint: "不同意时请写明理由")]))
        }
        guard c.stage == "monitored" else { return forms }
        let stepForms = ProcedureStepForms(desk: desk, plugins: settings().plugins, today: now().localDate(in: settings().timeZone))
        var targets: [(ProcedureLinkTarget, CaseStep)] = []
        if visitor.mayAct(at: unit.code) { targets.append((.helpPlan(caseID: c.id), .helperPlan)) }
        if visitor.mayAct(at: unit.code) || c.helperID.map(visitor.scope.helperIDs.contains) == true {
            targets.append((.measures(caseID: c.id), .measure))
        }
        for (target, step) in targets {
            let form = try await stepForms.form(for: target, unitName: unit.name, due: nil)
            forms.append(StepFormView(title: form.title, action: path + step.rawValue, csrf: visitor.session.csrfToken, button: form.button, fields: form.fields))
        }
        return forms
    }
}

/// A step's form on a console page.
struct StepFormView {
    var title: String
    var action: String
    var csrf: String
    var button: String
    /// The fields' HTML, every value escaped by `ProcedureFormPage.html`.
    var fields: String

    init(title: String, action: String, csrf: String, button: String, fields: [ProcedureFormPage.Field]) {
        self.title = title
        self.action = action
        self.csrf = csrf
        self.button = button
        self.fields = fields.map(ProcedureFormPage.html).joined()
    }
}

struct CasesView {
    struct Choice {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Case {
        var id: Int64
        var number: String
        var unit: String
        var head: String?
        var stage: String
        var category: String
        var risks: String
        var helper: String?
        var nextDue: String?
        var overdue: Bool
    }

    var stages: [Choice]
    var categories: [Choice]
    var count: Int
    var cases: [Case]
}

struct ConsoleCaseView {
    struct Fact {
        var label: String
        var value: String

        init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    var number: String
    var notice: String?
    var problem: String?
    var facts: [Fact]
    var forms: [StepFormView]
    var timeline: [CaseTimeline.Line]
}
