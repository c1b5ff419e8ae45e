import DixianConsole
import DixianCore
import DixianDirectory
import DixianReports
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// 整改台账 in the console: the problems under a unit the person sees in every sector (a problem belongs to no
/// sector, so a bureau sees none), a problem's page with its progress and evidence, a progress entry, and 附件1's
/// workbook to download.
extension ConsoleRoutes {
    func registerDocuments<Context: RequestContext>(on router: Router<Context>) {
        let routes = self
        router.get(Self.ledgerRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.ledgerPage(request) }
        }
        router.get(Self.ledgerExportRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.ledgerExport(request) }
        }
        router.get(Self.ledgerProblemRoute.routerPath()) { request, context in
            let number = try context.parameters.require("number")
            return await routes.answer { try await routes.ledgerProblemPage(request, number: number) }
        }
        router.post(Self.ledgerProgressRoute.routerPath()) { request, context in
            let number = try context.parameters.require("number")
            return await routes.answer { try await routes.addProgress(request, number: number) }
        }
        router.post(Self.ledgerEvidenceRoute.routerPath()) { request, context in
            let number = try context.parameters.require("number")
            return await routes.answer { try await routes.addEvidence(request, number: number) }
        }
        router.get(Self.ledgerEvidenceFileRoute.routerPath()) { request, context in
            let number = try context.parameters.require("number")
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.evidenceFile(request, number: number, id: id) }
        }
        router.get(Self.reportsRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.reportsPage(request) }
        }
        router.get(Self.reportDownloadRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.reportDownload(request) }
        }
    }

    /// The unit a ledger or report page is about: `?unit=` when the person sees it in every sector, else their
    /// top such unit; nil when they see no unit in every sector (a bureau, a helper).
    func documentUnit(_ request: Request, _ visitor: Visitor) -> DivisionCode?? {
        guard let top = visitor.scope.unitPrefixes.min(by: { ($0.count, $0) < ($1.count, $1) }).flatMap({ DivisionCode(prefix: $0) }) else {
            return .some(nil)
        }
        guard let asked = request.uri.queryParameters["unit"].map(String.init), !asked.isEmpty else { return top }
        guard let code = try? DivisionCode(validating: asked), visitor.mayAct(at: code) else { return nil }
        return code
    }

    /// `GET /console/ledger[?unit=CODE&result=…]`.
    func ledgerPage(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.ledgerRoute.path)
        guard let chosen = documentUnit(request, visitor), let documents = try documents?() else { return notFound(user) }
        let result = request.uri.queryParameters["result"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        guard result.map({ RectificationResult(rawValue: $0) != nil || $0 == "overdue" }) ?? true else {
            return message(.badRequest, heading: "无法识别的筛选条件", text: "整改结果不在可选范围内。",
                           next: .init(title: "查看全部问题", href: Self.ledgerRoute.path), user: user)
        }
        let today = documents.today
        var records: [LedgerRecord] = []
        if let unit = chosen {
            records = try await documents.ledger.problems(LedgerFilter(
                unit: unit, result: result.flatMap(RectificationResult.init(rawValue:)), overdueOn: result == "overdue" ? today : nil))
        }
        let unitQuery = chosen.map { "unit=\($0.rawValue)" } ?? ""
        let view = LedgerView(
            sectorOnly: chosen == nil, count: records.count, exportHref: Self.ledgerExportRoute.path + "?" + unitQuery,
            results: ([("", "全部")] + RectificationResult.allCases.map { ($0.rawValue, $0.chineseName) } + [("overdue", "逾期未完成")]).map {
                .init(value: $0.0, label: $0.1, selected: $0.0 == (result ?? ""))
            },
            unit: chosen?.rawValue ?? "",
            problems: records.map { record in
                LedgerView.Problem(
                    number: record.number, group: record.group, problem: record.problem.problem, deadline: record.problem.deadline.description,
                    result: record.problem.result.chineseName, overdue: record.isOverdue(on: today),
                    progress: record.problem.progress.last.map { "\($0.on) \($0.text)" })
            })
        return ConsoleResponse.page(.ok, renderer.page(title: "整改台账", user: user, template: "ledger", view: view))
    }

    /// `GET /console/ledger.xlsx[?unit=CODE&campaign=ID]`: 附件1's workbook of the problems under the unit.
    func ledgerExport(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.ledgerRoute.path)
        guard let chosen = documentUnit(request, visitor), let unit = chosen, let documents = try documents?() else { return notFound(user) }
        let campaign = request.uri.queryParameters["campaign"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        do {
            let (title, bytes) = try await documents.ledgerWorkbook(unit: unit, campaign: campaign)
            return ConsoleResponse.download(bytes, filename: "\(title)（\(documents.today)）.xlsx", contentType: Self.xlsxType)
        } catch let refusal as DocumentRefusal {
            return message(.notFound, heading: "无法导出", text: refusal.message, next: .init(title: "返回整改台账", href: Self.ledgerRoute.path), user: user)
        }
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// `GET /console/ledger/NUMBER`: a problem under a unit the person sees in every sector.
    func ledgerProblemPage(
        _ request: Request, number: String, notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status? = nil
    ) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.ledgerRoute.path)
        guard let unit = try await store.ledgerProblemUnit(number: number, in: visitor.scope), let documents = try documents?(),
              let record = try await documents.ledger.problem(number: number)
        else { return notFound(user) }
        let p = record.problem
        var facts: [ConsoleCaseView.Fact] = [
            .init("专班", record.group), .init("单位", unit.name), .init("问题", p.problem), .init("整改措施", p.measure),
            .init("完成时限", p.deadline.description), .init("整改结果", p.result.chineseName), .init("牵头单位", p.leadUnit),
            .init("配合单位", p.cooperatingUnits.joined(separator: "、")), .init("责任人", p.responsible), .init("填表人", record.filledBy),
        ]
        if !p.note.isEmpty { facts.append(.init("备注", p.note)) }
        let evidence = try await documents.ledger.evidence(number: number)
        let view = LedgerProblemPageView(
            number: number, notice: notice, problem: problem, facts: facts,
            progress: p.progress.map { .init($0.on.description, $0.text) },
            evidence: evidence.map { file in
                LedgerProblemPageView.Evidence(
                    name: PersonalDataMask.maskingIDNumbers(in: file.fileName), href: "/console/ledger/\(number)/evidence/\(file.id)",
                    detail: "\(file.size) 字节 · \(Self.local(file.addedAt, settings().timeZone)) · sha256 \(file.sha256.prefix(12))…")
            },
            canWrite: visitor.mayAct(at: unit.code), csrf: visitor.session.csrfToken, today: documents.today.description)
        return ConsoleResponse.page(status ?? (problem == nil ? .ok : .badRequest), renderer.page(title: "整改问题 \(number)", user: user, template: "ledger-problem", view: view))
    }

    /// `POST /console/ledger/NUMBER/progress` (`on`, `text`): a dated progress line, as `dixian ledger progress`.
    func addProgress(_ request: Request, number: String) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        guard let fields = try await formFields(request), hasSessionCSRF(visitor.session, fields) else { return forbidden() }
        let (unit, documents): (ConsoleStore.ScopedUnit, any ConsoleDocuments)
        switch try await writableProblem(number, for: visitor) {
        case .refused(let answer): return answer
        case .allowed(let u, let d): (unit, documents) = (u, d)
        }
        let text = (fields["text"] ?? "").split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 2000 else {
            return try await ledgerProblemPage(request, number: number, problem: "请填写进展（不超过2000字）。")
        }
        guard let on = fields["on"].flatMap(CalendarDate.init(parsing:)), on <= documents.today else {
            return try await ledgerProblemPage(request, number: number, problem: "日期应为今天或此前的 年-月-日。")
        }
        let actor = visitor.actor(at: unit.code)
        _ = try await documents.ledger.addProgress(number: number, .init(on: on, text: text), entry: LedgerEntry(actor: actor, channel: .console, at: now()))
        logger.info("整改进展已记录 (ledger progress recorded)", metadata: ["problem": "\(number)", "by": "\(actor)", "channel": "console"])
        return try await ledgerProblemPage(request, number: number, notice: "进展已记录。")
    }
}

extension ConsoleRoutes {
    /// Whether a person may write to a problem (a progress line, an evidence file).
    enum ProblemAccess {
        case allowed(ConsoleStore.ScopedUnit, any ConsoleDocuments)
        /// 404 outside the scope (or without the ledger), 403 for one seen but not acted on.
        case refused(Response)
    }

    func writableProblem(_ number: String, for visitor: Visitor) async throws -> ProblemAccess {
        let user = self.user(visitor, current: Self.ledgerRoute.path)
        guard let unit = try await store.ledgerProblemUnit(number: number, in: visitor.scope), let documents = try documents?() else {
            return .refused(notFound(user))
        }
        guard visitor.mayAct(at: unit.code) else { return .refused(notPermitted(user, back: Self.ledgerRoute.path + "/" + number)) }
        return .allowed(unit, documents)
    }
}

struct LedgerView {
    struct Choice {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Problem {
        var number: String
        var group: String
        var problem: String
        var deadline: String
        var result: String
        var overdue: Bool
        var progress: String?
    }

    /// A bureau or a helper: no unit seen in every sector, so no ledger.
    var sectorOnly: Bool
    var count: Int
    var exportHref: String
    var results: [Choice]
    var unit: String
    var problems: [Problem]
}

struct LedgerProblemPageView {
    var number: String
    var notice: String?
    var problem: String?
    var facts: [ConsoleCaseView.Fact]
    var progress: [ConsoleCaseView.Fact]
    struct Evidence {
        var name: String
        var href: String
        var detail: String
    }

    var evidence: [Evidence]
    /// The largest file the upload takes, in words.
    var evidenceLimit = "10 MiB"
    var canWrite: Bool
    var csrf: String
    var today: String
}
