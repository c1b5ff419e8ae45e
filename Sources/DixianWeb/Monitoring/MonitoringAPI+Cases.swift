import DixianCore
import DixianMonitoring
import DixianStore
import Foundation
import Hummingbird

extension MonitoringAPI {
    /// What a step answers: the case after it, and what the step did.
    struct StepAnswer: Encodable {
        var caseNumber: String
        var stage: String
        var clocksMet: Int
        var clocksStopped: Int
        var refusals: [EliminationView.Reason]
        var measureID: Int64?

        init(_ result: MonitoringStore.StepResult, measureID: Int64? = nil) {
            caseNumber = result.caseNumber
            stage = result.stage
            clocksMet = result.clocksMet
            clocksStopped = result.clocksStopped
            refusals = result.refusals.map { .init(code: $0.code.rawValue, message: $0.message, seed: $0.seed.description) }
            self.measureID = measureID
        }
    }

    func cases(_ request: Request) async throws -> Response {
        let query = try Self.query(request, allowing: ["org", "status", "category", "limit"])
        let category = try query["category"].map { try ProcedureRequest.named(MonitoringCategory.self, $0, "category") }
        var filter = CaseFilter(unit: try Self.unit(query["org"]), stage: query["status"], category: category, limit: try Self.limit(query["limit"]))
        filter.scope = try APICaller.scope()
        let scoped = filter
        let desk = try self.desk()
        return APIResponse.json(try await gate.run("cases") { try await desk.store.cases(scoped) }.map(CaseView.init))
    }

    func caseDetail(_ id: Int64) async throws -> Response {
        let desk = try self.desk()
        let notFound = StoreError(.caseNotFound, "没有编号为 \(id) 的监测案件 (no such case)")
        try await APICaller.requireSeen(.monitoringCase, id, gate: gate, notFound: notFound)
        guard let detail = try await gate.run("case", { try await desk.store.caseDetail(id: id) }) else { throw notFound }
        struct Answer: Encodable {
            var detail: CaseDetailView
            var timeline: [CaseTimeline.Line]
        }
        return APIResponse.json(Answer(detail: CaseDetailView(detail), timeline: CaseTimeline(detail, zone: desk.zone).lines))
    }

    func decide(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.decision, .comment])
        let decision: ApprovalRecord.Decision = switch body.decision {
        case "approved": .approved
        case "rejected": .rejected
        default: throw APIError.badRequest("invalid_decision", "decision 应为 approved 或 rejected")
        }
        let comment = try DutyText.trimmed(body.comment, field: "comment") ?? ""
        let (desk, entry) = try await prepared(body)
        return try await answer("decide") {
            try await desk.store.decide(caseID: id, decision, comment: comment, actorIsOfficial: true, entry: entry, plan: try await desk.planning())
        }
    }

    func assignHelper(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.official])
        let official = try body.required(body.official, "official")
        let (desk, entry) = try await prepared(body)
        return try await answer("helper") { try await desk.store.assignHelper(caseID: id, officialID: official, entry: entry) }
    }

    func recordPlan(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.text])
        let text = try body.required(body.text, "text")
        let (desk, entry) = try await prepared(body)
        return try await answer("plan") { try await desk.store.recordPlan(caseID: id, text: text, entry: entry) }
    }

    func addMeasure(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.type, .risk, .description, .plannedOn])
        let type = try ProcedureRequest.named(MeasureType.self, try body.required(body.type, "type"), "type")
        let risk = try ProcedureRequest.named(RiskType.self, try body.required(body.risk, "risk"), "risk")
        let description = try body.required(body.description, "description")
        let (desk, entry) = try await prepared(body)
        let (result, measureID) = try await gate.run("measure") {
            try await desk.store.addMeasure(
                caseID: id, type: type, answers: risk, description: description, plannedOn: body.plannedOn ?? entry.effectiveOn, entry: entry)
        }
        return APIResponse.json(StepAnswer(result, measureID: measureID), status: .created)
    }

    func putInPlace(_ id: Int64, measure: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.evidence])
        let evidence = try body.required(body.evidence, "evidence")
        let (desk, entry) = try await prepared(body)
        return try await answer("in place") { try await desk.store.putInPlace(caseID: id, measureID: measure, evidence: evidence, entry: entry) }
    }

    /// `check: true` explains the verdict and changes nothing; otherwise the proposal is recorded.
    func eliminate(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.check, .pendingExpenses, .unstableIncome, .seriousIllness])
        let assessment = EliminationAssessment(
            largePendingExpenses: body.pendingExpenses ?? false, incomeLowOrUnstable: body.unstableIncome ?? false,
            seriousIllness: body.seriousIllness ?? false)
        let (desk, entry) = try await prepared(body)
        let (verdict, _) = try await gate.run("elimination check") { try await desk.eliminationVerdict(caseID: id, assessment: assessment) }
        if body.check == true { return APIResponse.json(EliminationView(verdict, checkedOnly: true)) }
        return try await answer("eliminate") { try await desk.store.proposeElimination(caseID: id, verdict: verdict, entry: entry) }
    }

    private func answer(_ what: String, _ step: @escaping @Sendable () async throws -> MonitoringStore.StepResult) async throws -> Response {
        let result = try await gate.run(what, step)
        logger.info("监测帮扶步骤已记录 (case step recorded)", metadata: ["case": "\(result.caseNumber)", "step": "\(what)", "channel": "http"])
        return APIResponse.json(StepAnswer(result))
    }
}
