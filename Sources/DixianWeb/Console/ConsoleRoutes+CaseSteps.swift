import DixianConsole
import DixianCore
import DixianLinks
import DixianMonitoring
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// The procedure's steps entered in the console: the same forms and checks as the reminder links
/// (``ProcedureStepForms``), recorded under the person's directory row with the channel `console`. A step
/// outside the person's scope answers 404; one they see but may not take, 403; either way nothing changes.
extension ConsoleRoutes {
    /// `POST /console/cases/ID/STEP`: a decision, the helper and plan, or a measure in place.
    func caseStep(_ request: Request, caseID: Int64?, step: CaseStep?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.casesRoute.path)
        let form: ProcedureForm
        switch try await stepForm(request, visitor) {
        case .success(let fields): form = fields
        case .failure(let refusal): return refusal.response(self, user)
        }
        guard let caseID, let step, let unit = try await store.caseUnit(id: caseID, in: visitor.scope), let desk = try procedureDesk?(),
            let detail = try await desk.store.caseDetail(id: caseID)
        else { return notFound(user) }
        guard let actor = Self.actor(for: step, detail, unit: unit, visitor: visitor) else { return notPermitted(user, back: "/console/cases/\(caseID)") }
        let text: String
        do {
            let entry = try desk.entry(actor: actor, channel: .console, on: try ProcedureStepForms.effectiveDate(form))
            switch step {
            case .decision:
                text = try await decide(caseID, form, entry, desk)
            case .helperPlan, .measure:
                let stepForms = ProcedureStepForms(desk: desk, plugins: settings().plugins, today: now().localDate(in: settings().timeZone))
                text = try await stepForms.record(step == .helperPlan ? .helpPlan(caseID: caseID) : .measures(caseID: caseID), form, entry)
            }
        } catch let error as StoreError where [.stepRefused, .caseNotFound, .unknownOfficial].contains(error.code) {
            return try await casePage(request, caseID: caseID, problem: error.message)
        }
        logger.info("监测帮扶步骤已记录 (case step recorded)", metadata: ["case": "\(detail.record.number)", "step": "\(step.rawValue)", "by": "\(actor)", "channel": "console"])
        return try await casePage(request, caseID: caseID, notice: text)
    }

    /// The row a step is recorded under, nil when the person may not take it: a decision needs the awaiting
    /// step's role at or above the village; the helper and plan a unit seen in every sector; a measure that, or
    /// being the case's helper.
    static func actor(for step: CaseStep, _ detail: CaseDetail, unit: ConsoleStore.ScopedUnit, visitor: Visitor) -> String? {
        switch step {
        case .decision:
            return detail.awaitingRole.flatMap { visitor.holder(of: $0, at: unit.code) }
        case .helperPlan:
            return visitor.mayAct(at: unit.code) ? visitor.actor(at: unit.code) : nil
        case .measure:
            if visitor.mayAct(at: unit.code) { return visitor.actor(at: unit.code) }
            return detail.record.helperID.flatMap { visitor.scope.helperIDs.contains($0) ? $0 : nil }
        }
    }

    private func decide(_ caseID: Int64, _ form: ProcedureForm, _ entry: CaseEntry, _ desk: any ProcedureDesk) async throws -> String {
        let decision: ApprovalRecord.Decision
        switch form.value("decision") {
        case "approved": decision = .approved
        case "rejected": decision = .rejected
        default: throw StoreError(.stepRefused, "请选择同意或不同意")
        }
        let comment = form.value("comment") ?? ""
        if decision == .rejected, comment.isEmpty { throw StoreError(.stepRefused, "不同意时请写明理由") }
        let result = try await desk.store.decide(caseID: caseID, decision, comment: comment, actorIsOfficial: true, entry: entry, plan: try await desk.planning())
        return "审批意见已记录（案件 \(result.caseNumber)，现为\(CaseRecord.stageText(result.stage))）。"
    }

    /// `GET /console/signals/ID`: a signal the person sees; while it awaits verification and they may verify at
    /// its village, the verification form.
    func signalPage(_ request: Request, signalID: Int64?, problem: String? = nil) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.signalsRoute.path)
        guard let signalID, let unit = try await store.signalUnit(id: signalID, in: visitor.scope), let desk = try procedureDesk?(),
            let signal = try await desk.store.signal(id: signalID)
        else { return notFound(user) }
        let stepForms = ProcedureStepForms(desk: desk, plugins: settings().plugins, today: now().localDate(in: settings().timeZone))
        let form = try await stepForms.form(for: .verification(signalID: signalID), unitName: unit.name, due: signal.verifyBy?.description)
        var facts = form.facts.map { ConsoleCaseView.Fact($0.0, $0.1) }
        if let outcome = signal.outcome {
            facts.append(.init("核实结果", MonitoringStore.outcomeText(outcome)))
            if let reason = signal.outcomeReason, !reason.isEmpty { facts.append(.init("理由", PersonalDataMask.maskingIDNumbers(in: reason))) }
            facts.append(.init("核实日期", signal.verifiedOn?.description ?? "-"))
        }
        let forms = signal.outcome == nil && visitor.mayAct(at: unit.code)
            ? [StepFormView(title: "填写核实结果", action: "/console/signals/\(signalID)/verify", csrf: visitor.session.csrfToken, button: form.button, fields: form.fields)]
            : []
        let view = SignalPageView(title: "\(form.title) \(signal.number)", problem: problem, facts: facts, caseID: signal.caseID, forms: forms)
        return ConsoleResponse.page(problem == nil ? .ok : .badRequest, renderer.page(title: view.title, user: user, template: "signal", view: view))
    }

    /// `POST /console/signals/ID/verify`: the verification (核实) of a signal at a village the person acts for.
    func verify(_ request: Request, signalID: Int64?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.signalsRoute.path)
        let form: ProcedureForm
        switch try await stepForm(request, visitor) {
        case .success(let fields): form = fields
        case .failure(let refusal): return refusal.response(self, user)
        }
        guard let signalID, let unit = try await store.signalUnit(id: signalID, in: visitor.scope), let desk = try procedureDesk?() else {
            return notFound(user)
        }
        guard visitor.mayAct(at: unit.code) else { return notPermitted(user, back: "/console/signals/\(signalID)") }
        let actor = visitor.actor(at: unit.code)
        let text: String
        do {
            let entry = try desk.entry(actor: actor, channel: .console, on: try ProcedureStepForms.effectiveDate(form))
            let stepForms = ProcedureStepForms(desk: desk, plugins: settings().plugins, today: now().localDate(in: settings().timeZone))
            text = try await stepForms.record(.verification(signalID: signalID), form, entry)
        } catch let error as StoreError where [.stepRefused, .caseNotFound, .unknownOfficial].contains(error.code) {
            return try await signalPage(request, signalID: signalID, problem: error.message)
        }
        logger.info("风险信号已核实 (signal verified)", metadata: ["signal": "\(signalID)", "by": "\(actor)", "channel": "console"])
        return message(.ok, heading: "已记录", text: text, next: .init(title: "返回预警", href: Self.signalsRoute.path), user: user)
    }

    /// Why a step form's body was refused before anything was looked up.
    struct BodyRefusal: Error {
        /// Malformed, too large or a field repeated: 400 with the reason.
        var problem: String?

        func response(_ routes: ConsoleRoutes, _ user: ConsoleRenderer.User) -> Response {
            guard let problem else { return routes.forbidden() }
            return routes.message(.badRequest, heading: "无法提交", text: problem + "未作任何更改。", next: .init(title: "返回", href: "/console/"), user: user)
        }
    }

    /// A step form's fields, once its CSRF token matches the session's.
    func stepForm(_ request: Request, _ visitor: Visitor) async throws -> Result<ProcedureForm, BodyRefusal> {
        let body: ByteBuffer
        do throws(APIError) {
            body = try await RequestBodyReader.read(request, limit: Self.maximumBody)
        } catch {
            return .failure(BodyRefusal(problem: "提交的内容过大。"))
        }
        let allowed = ProcedureStepForms.fieldNames.union(["csrf", "decision", "comment"])
        let form: ProcedureForm
        do {
            form = try ProcedureForm.parse(body.readableBytesView, allowed: allowed, multiple: ["risk"])
        } catch {
            return .failure(BodyRefusal(problem: error.message))
        }
        guard hasSessionCSRF(visitor.session, form.value("csrf").map { ["csrf": $0] } ?? [:]) else { return .failure(BodyRefusal()) }
        return .success(form)
    }

    func notPermitted(_ user: ConsoleRenderer.User, back: String) -> Response {
        message(.forbidden, heading: "无权办理", text: "您可以查看此事项，但不能办理这一步，未作任何更改。", next: .init(title: "返回", href: back), user: user)
    }
}

struct SignalPageView {
    var title: String
    var problem: String?
    var facts: [ConsoleCaseView.Fact]
    var caseID: Int64?
    var forms: [StepFormView]
}
