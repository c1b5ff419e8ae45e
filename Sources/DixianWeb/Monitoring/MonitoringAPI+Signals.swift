import DixianConsole
import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianStore
import Foundation
import Hummingbird

extension MonitoringAPI {
    func signals(_ request: Request) async throws -> Response {
        let query = try Self.query(request, allowing: ["org", "pending", "source", "limit"])
        let source = try query["source"].map { text -> SignalSource in
            guard let source = SignalSource(rawValue: text) else { throw APIError.badRequest("invalid_source", "source 应为 sector、visit 或 self") }
            return source
        }
        var filter = SignalFilter(
            unit: try Self.unit(query["org"]), pendingOnly: query["pending"] == "true", source: source, limit: try Self.limit(query["limit"]))
        filter.scope = try APICaller.scope()
        let scoped = filter
        let desk = try self.desk()
        let signals = try await gate.run("signals") { try await desk.store.signals(scoped) }
        return APIResponse.json(signals.map(SignalView.init))
    }

    func signal(_ id: Int64) async throws -> Response {
        let desk = try self.desk()
        let notFound = StoreError(.caseNotFound, "没有编号为 \(id) 的风险信号 (no such signal)")
        try await APICaller.requireSeen(.signal, id, gate: gate, notFound: notFound)
        guard let signal = try await gate.run("signal", { try await desk.store.signal(id: id) }) else { throw notFound }
        return APIResponse.json(SignalView(signal))
    }

    /// `POST /api/v1/signals`: a cadre's visit or a self-declaration taken down by an official.
    func addSignal(_ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.household, .village, .source, .riskTypes, .note, .name, .phone])
        guard let source = body.source.flatMap(SignalSource.init(rawValue:)), source != .sector else {
            throw APIError.badRequest("invalid_source", "source 应为 visit 或 self (行业部门预警由筛查产生)")
        }
        guard body.household != nil || body.name != nil else {
            throw APIError.badRequest("missing_household", "须给出 household 或申报人 name (household or name)")
        }
        let village = try body.village.map { text -> DivisionCode in
            guard let code = try? DivisionCode(validating: text) else { throw APIError.badRequest("invalid_village", "village 应为12位区划代码") }
            return code
        }
        let name = try DutyText.trimmed(body.name, field: "name")
        let signal = NewSignal(
            source: source, householdID: try DutyText.trimmed(body.household, field: "household"), unitCode: village,
            declarant: name.map { DeclarantDetails(name: $0, phone: body.phone) }, riskTypes: try body.riskTypeList(),
            note: try body.required(body.note, "note"))
        let (desk, entry) = try await prepared(body)
        let record = try await gate.run("add signal") { try await desk.store.addSignal(signal, entry: entry, plan: try await desk.planning()) }
        logger.info("风险信号已登记 (signal recorded)", metadata: ["signal": "\(record.number)", "channel": "http"])
        return APIResponse.json(SignalView(record), status: .created)
    }

    /// `POST /api/v1/signals/{id}/verification`.
    func verify(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.body(request, [.outcome, .reason, .category, .riskTypes, .household])
        let (desk, entry) = try await prepared(body)
        let verdict: SignalVerdict
        switch body.outcome {
        case "not_a_risk": verdict = .notARisk(reason: try body.required(body.reason, "reason"))
        case "already_monitored": verdict = .alreadyMonitored
        case "risk_confirmed":
            let category = try ProcedureRequest.named(MonitoringCategory.self, try body.required(body.category, "category"), "category")
            let types = body.riskTypes != nil
                ? try body.riskTypeList() : try await gate.run("signal") { try await desk.store.signal(id: id)?.riskTypes ?? [] }
            verdict = .riskConfirmed(category: category, riskTypes: types, householdID: try DutyText.trimmed(body.household, field: "household"))
        default:
            throw APIError.badRequest("invalid_outcome", "outcome 应为 not_a_risk、risk_confirmed 或 already_monitored")
        }
        let result = try await gate.run("verify") { try await desk.store.verify(signalID: id, verdict, entry: entry) }
        struct Answer: Encodable {
            var signal: SignalView
            var caseNumber: String?
            var clocksMet: Int
        }
        return APIResponse.json(Answer(signal: SignalView(result.signal), caseNumber: result.caseNumber, clocksMet: result.clocksMet))
    }

    func defects(_ request: Request) async throws -> Response {
        let query = try Self.query(request, allowing: ["org"])
        let unit = try Self.defectsUnit(try Self.unit(query["org"]), scope: try APICaller.scope())
        let desk = try self.desk()
        let defects = try await gate.run("defects") { try await desk.defects(unit: unit) }
        return APIResponse.json(defects.map(DefectView.init))
    }

    /// The unit whose defects a caller asks for. The defect list spans every sector, so a session needs its unit
    /// in every sector: `org`, or else the person's one top unit; anything else answers 404, as if absent.
    static func defectsUnit(_ requested: DivisionCode?, scope: AccessScope?) throws -> DivisionCode? {
        guard let scope else { return requested }
        let notFound = APIError(.notFound, code: "not_found", "没有这个单位,或不在可见范围内 (no such unit in your scope)")
        if let requested {
            guard scope.seesAllSectors(of: requested) else { throw notFound }
            return requested
        }
        guard scope.unitPrefixes.count == 1, let top = DivisionCode(prefix: scope.unitPrefixes[0]) else { throw notFound }
        return top
    }
}
