import DixianConsole
import DixianCore
import DixianDirectory
import DixianPlugins
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// 插件 → 本部门配置: a bureau edits its own plugin's override (the parameters in a form made from their
/// declarations, or the whole YAML text), sees what changes and next month's reminders before saving, and saves a
/// version that the county office approves or rejects. The plugin's override file, when there is one, wins: the
/// page then only shows it as managed on the server.
extension ConsoleRoutes {
    static let overrideRoute = HTTPRoute("/console/plugins/:id/override", [.get, .post])
    static let overridePreviewRoute = HTTPRoute("/console/plugins/:id/override/preview", [.post])
    static let overrideVersionRoute = HTTPRoute("/console/plugins/:id/override/versions/:version", [.get])
    static let overrideDecisionRoute = HTTPRoute("/console/plugins/:id/override/versions/:version/decision", [.post])
    static let overrideRestoreRoute = HTTPRoute("/console/plugins/:id/override/versions/:version/restore", [.post])
    static let overrideCompareRoute = HTTPRoute("/console/plugins/:id/override/compare", [.get])

    static let overrideRoutes = [
        overrideRoute, overridePreviewRoute, overrideVersionRoute, overrideDecisionRoute, overrideRestoreRoute, overrideCompareRoute,
    ]

    func registerOverrides<Context: RequestContext & RemoteAddressRequestContext>(on router: Router<Context>) {
        let routes = self
        router.get(Self.overrideRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer { try await routes.refusable { try await routes.overridePage(request, id: id) } }
        }
        // Checking and previewing load the plugins and plan a month twice: CPU work, not database calls.
        router.post(Self.overridePreviewRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer(bounded: false) { try await routes.refusable { try await routes.overridePreview(request, id: id) } }
        }
        router.post(Self.overrideRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer(bounded: false) { try await routes.refusable { try await routes.overrideSave(request, id: id) } }
        }
        router.get(Self.overrideVersionRoute.routerPath()) { request, context in
            let (id, version) = (try context.parameters.require("id"), context.parameters.get("version", as: Int.self))
            return await routes.answer(bounded: false) { try await routes.refusable { try await routes.overrideVersionPage(request, id: id, version: version) } }
        }
        router.post(Self.overrideDecisionRoute.routerPath()) { request, context in
            let (id, version) = (try context.parameters.require("id"), context.parameters.get("version", as: Int.self))
            return await routes.answer(bounded: false) { try await routes.refusable { try await routes.overrideDecision(request, id: id, version: version) } }
        }
        router.post(Self.overrideRestoreRoute.routerPath()) { request, context in
            let (id, version) = (try context.parameters.require("id"), context.parameters.get("version", as: Int.self))
            return await routes.answer(bounded: false) { try await routes.refusable { try await routes.overrideRestore(request, id: id, version: version) } }
        }
        router.get(Self.overrideCompareRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer { try await routes.refusable { try await routes.overrideCompare(request, id: id) } }
        }
    }

    /// What one request about a plugin's override works with, once the visitor may open it.
    struct OverrideContext {
        var visitor: Visitor
        var user: ConsoleRenderer.User
        var plugin: Plugin
        var desk: any OverrideDesk
        /// The row the visitor writes under (county office first, else the sector's bureau contact or head).
        var writer: String

        var base: String { "/console/plugins/\(plugin.id)/override" }
    }

    /// The desk, or a ``ConsoleRefusal``: sign-in for nobody, 404 for a plugin that does not exist or is not the
    /// visitor's to configure (a bureau sees only its own sector's).
    func overrideDesk(_ request: Request, id: String) async throws -> OverrideContext {
        guard let visitor = try await visitor(request) else { throw ConsoleRefusal(ConsoleResponse.redirect(Self.signInRoute.path)) }
        let user = self.user(visitor, current: Self.pluginsRoute.path)
        guard let plugin = settings().plugins.plugin(id: id), let desk = try overrides?(), let writer = visitor.overrideWriter(of: id) else {
            throw ConsoleRefusal(notFound(user))
        }
        return OverrideContext(visitor: visitor, user: user, plugin: plugin, desk: desk, writer: writer)
    }

    /// The desk and the form of a write, or a ``ConsoleRefusal``: also 403 without the session's CSRF token, and 409
    /// when an override file manages the plugin.
    func overrideWrite(_ request: Request, id: String) async throws -> (OverrideContext, [String: String]) {
        let context = try await overrideDesk(request, id: id)
        guard let fields = try await formFields(request), hasSessionCSRF(context.visitor.session, fields) else { throw ConsoleRefusal(forbidden()) }
        if let refusal = managedOnServer(context) { throw ConsoleRefusal(refusal) }
        return (context, fields)
    }

    /// Runs a handler, answering a ``ConsoleRefusal`` with its page.
    func refusable(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let refusal as ConsoleRefusal {
            return refusal.response
        }
    }

    /// `GET /console/plugins/ID/override`: the live version, those waiting, the form and the text.
    func overridePage(_ request: Request, id: String) async throws -> Response {
        let context = try await overrideDesk(request, id: id)
        return try await overrideForm(context, fields: nil, text: nil, problems: [], fieldErrors: [:], status: .ok)
    }

    /// The page with the form filled from `fields` (else the plugin's effective values) and the text area with
    /// `text` (else the latest version's), and the loader's errors where they belong.
    func overrideForm(
        _ context: OverrideContext, fields: [String: String]?, text: String?, problems: [String], fieldErrors: [String: [String]],
        status: HTTPResponse.Status, notice: String? = nil
    ) async throws -> Response {
        let history = try await context.desk.store.history(pluginID: context.plugin.id)
        let live = history.first { $0.state == .approved }
        var view = OverridePageView(
            context: context, zone: settings().timeZone, history: history, names: try await officialNames(in: history), live: live, fields: fields, text: text, problems: problems,
            fieldErrors: fieldErrors, notice: notice, formAvailable: OverrideForm.isEditable(live?.body))
        view.replicas = try await context.desk.replicas().map { replica in
            let version = replica.overrides[context.plugin.id]
            return OverridePageView.Replica(
                host: "\(replica.hostname) (pid \(replica.pid))",
                version: version.map { "第 \($0) 版" } ?? (context.plugin.overrideFile == nil ? "插件默认设置" : "服务器文件"),
                behind: context.plugin.overrideFile == nil && version != live?.version)
        }
        let html = renderer.page(title: "本部门配置 · \(context.plugin.name)", user: context.user, template: "override", view: view)
        return ConsoleResponse.page(status, html)
    }

    /// `POST /console/plugins/ID/override/preview` (`csrf`, `mode` form|text, `p.<name>` or `text`): checks the
    /// change exactly as the loader would and shows what it changes. Nothing is stored; errors go back to the form.
    func overridePreview(_ request: Request, id: String) async throws -> Response {
        let (context, fields) = try await overrideWrite(request, id: id)
        let history = try await context.desk.store.history(pluginID: id)
        let live = history.first { $0.state == .approved }
        let proposed: String
        var lines: [String: Int] = [:]
        if fields["mode"] == "form" {
            guard let form = OverrideForm(current: live?.body, plugin: context.plugin, fields: fields) else {
                return try await overrideForm(context, fields: fields, text: nil, problems: ["当前版本的写法无法用表单改写，请在下方直接编辑 YAML 文本。"],
                                              fieldErrors: [:], status: .unprocessableContent)
            }
            (proposed, lines) = (form.text, form.lines)
        } else {
            proposed = (fields["text"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            guard proposed.utf8.count <= Self.maximumOverride else {
                return try await overrideForm(context, fields: nil, text: nil, problems: ["YAML 文本超过 \(Self.maximumOverride / 1024) KiB，未检查。"],
                                              fieldErrors: [:], status: .contentTooLarge)
            }
        }
        let version = (history.first?.version ?? 0) + 1
        switch try await check(context, text: proposed, version: version) {
        case .failure(let rejection):
            let byLine = Dictionary(lines.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            var fieldErrors: [String: [String]] = [:]
            var problems: [String] = []
            for diagnostic in rejection.errors {
                if rejection.isInsideText(diagnostic), let name = byLine[diagnostic.line] {
                    fieldErrors[name, default: []].append(diagnostic.message + (diagnostic.hint.map { "（\($0)）" } ?? ""))
                } else {
                    problems.append(rejection.describe(diagnostic))
                }
            }
            if problems.isEmpty && fieldErrors.isEmpty { problems = ["配置无法加载（原因未知），未保存。"] }
            // On a phone the field may be far down the page: the top says where to look.
            if problems.isEmpty { problems = ["参数有误，见下方标红的字段。"] }
            return try await overrideForm(
                context, fields: fields["mode"] == "form" ? fields : nil, text: fields["mode"] == "form" ? nil : proposed,
                problems: problems, fieldErrors: fieldErrors, status: .unprocessableContent)
        case .success(let candidate):
            let review = try await review(context, live: live, newText: proposed, candidate: candidate)
            let view = OverrideReviewView(context: context, text: proposed, review: review)
            let html = renderer.page(title: "本部门配置 · 预览", user: context.user, template: "override-review", view: view)
            return ConsoleResponse.page(.ok, html)
        }
    }

    /// `POST /console/plugins/ID/override` (`csrf`, `text`): stores the text as the next version, pending the county
    /// office's approval, after the same check as the preview; then shows that version.
    func overrideSave(_ request: Request, id: String) async throws -> Response {
        let (context, fields) = try await overrideWrite(request, id: id)
        let text = (fields["text"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        return try await propose(context, text: text)
    }

    /// Checks and stores `text` as the plugin's next version; an invalid text goes back to the page with its errors.
    func propose(_ context: OverrideContext, text: String) async throws -> Response {
        guard text.utf8.count <= Self.maximumOverride else { return forbidden() }
        let id = context.plugin.id
        let version = try await context.desk.store.nextVersion(pluginID: id)
        switch try await check(context, text: text, version: version) {
        case .failure(let rejection):
            return try await overrideForm(
                context, fields: nil, text: text, problems: rejection.errors.map(rejection.describe), fieldErrors: [:], status: .unprocessableContent)
        case .success(let candidate):
            do {
                let created = try await context.desk.store.propose(
                    pluginID: id, body: text, pluginHash: candidate.pluginHash,
                    entry: OverrideEntry(actor: context.writer, channel: "console", at: now()))
                logger.info("覆盖配置已提交 (override proposed)", metadata: ["plugin": "\(id)", "version": "\(created.version)", "by": "\(context.writer)"])
                return ConsoleResponse.redirect("\(context.base)/versions/\(created.version)?saved=1")
            } catch let error as StoreError where error.code == .overrideRefused {
                return try await overrideForm(context, fields: nil, text: text, problems: [error.message], fieldErrors: [:], status: .forbidden)
            }
        }
    }

    /// The loader's verdict on `text` as version `version`.
    func check(_ context: OverrideContext, text: String, version: Int) async throws -> Result<OverrideCandidate, OverrideRejection> {
        do {
            return .success(try await context.desk.candidate(pluginID: context.plugin.id, text: text, version: version))
        } catch let rejection as OverrideRejection {
            return .failure(rejection)
        }
    }

    /// What `newText` changes: its text against the live version's, its plugin and reminders against what this
    /// replica runs (the live version, unless a reload is pending here), both months as the visitor sees them.
    func review(_ context: OverrideContext, live: OverrideVersion?, newText: String, candidate: OverrideCandidate) async throws -> OverrideReview {
        let (first, last) = ReminderPreview.nextMonth(after: context.desk.today)
        let scope = context.visitor.scope
        let id = context.plugin.id
        let visible: @Sendable (DivisionCode, String) -> Bool = { unit, recipient in
            scope.sees(sector: id, at: unit) || scope.officialIDs.contains(recipient)
        }
        guard let running = context.desk.running(pluginID: id) else { throw ConsoleRefusal(notFound(context.user)) }
        let now = try await running.preview(first, last, visible)
        let next = try await candidate.preview(first, last, visible)
        return OverrideReview(
            oldText: live?.body ?? "", newText: newText, current: running.plugin, proposed: candidate.plugin, now: now, next: next)
    }

    /// The names of the officials who wrote and decided `versions`, in one query.
    func officialNames(in versions: [OverrideVersion]) async throws -> OfficialNames {
        let ids = Set(versions.flatMap { [$0.createdBy] + ($0.decidedBy.map { [$0] } ?? []) })
        guard !ids.isEmpty else { return OfficialNames() }
        let officials = try await store.officials(ids: ids.sorted())
        return OfficialNames(names: Dictionary(officials.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    /// A refusal page when an override file manages the plugin: the stored versions would not take effect.
    func managedOnServer(_ context: OverrideContext) -> Response? {
        guard let file = context.plugin.overrideFile else { return nil }
        return message(.conflict, heading: "由服务器管理", text: "\(context.plugin.name)的覆盖配置由服务器上的文件 \(file) 管理，在此保存的版本不会生效。请联系县乡村振兴局的系统管理员。",
                       next: .init(title: "返回本部门配置", href: context.base), user: context.user)
    }

    /// The largest override text taken, as `dixian plugins override set` takes.
    static let maximumOverride = 256 * 1024
}

/// A page answered instead of the one asked for.
struct ConsoleRefusal: Error {
    var response: Response

    init(_ response: Response) {
        self.response = response
    }
}

extension ConsoleRoutes.Visitor {
    /// The directory row this person configures `pluginID` under (``OverrideAccess``); nil when they may not.
    func overrideWriter(of pluginID: String) -> String? {
        OverrideAccess.writer(among: officials, of: pluginID)
    }

    /// The county office row an approval is recorded under; nil for anybody else.
    var overrideDecider: String? {
        OverrideAccess.decider(among: officials)
    }
}
