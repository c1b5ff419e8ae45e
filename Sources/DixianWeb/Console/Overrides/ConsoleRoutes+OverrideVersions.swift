import DixianConsole
import DixianCore
import DixianPlugins
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// One stored version of a bureau's override: what it changes, the county office's approval or rejection, a
/// comparison of any two versions, and an old version restored as a new one.
extension ConsoleRoutes {
    /// `GET /console/plugins/ID/override/versions/V`: the version's text and state; a pending one with what it
    /// changes against the live version and next month's reminders both ways, and (for the county office, unless
    /// they wrote it) approve and reject.
    func overrideVersionPage(_ request: Request, id: String, version: Int?, notice: String? = nil, problem: String? = nil,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let context = try await overrideDesk(request, id: id)
        let history = try await context.desk.store.history(pluginID: id)
        guard let version, let found = history.first(where: { $0.version == version }) else { return notFound(context.user) }
        let live = history.first { $0.state == .approved }
        var review: OverrideReview?
        var problems: [String] = []
        if found.state == .pending {
            switch try await check(context, text: found.body, version: found.version) {
            case .success(let candidate): review = try await self.review(context, live: live, newText: found.body, candidate: candidate)
            case .failure(let rejection):
                // A version that checked out when saved may not load against plugins updated since.
                problems = rejection.errors.map(rejection.describe)
            }
        }
        let saved = request.uri.queryParameters["saved"] != nil
        let view = OverrideVersionView(
            context: context, version: found, names: try await officialNames(in: [found]), live: live, review: review, problems: problems,
            notice: notice ?? (saved ? "已保存为第 \(found.version) 版，等待县乡村振兴局审批。" : nil), problem: problem)
        let html = renderer.page(title: "本部门配置 · 第 \(found.version) 版", user: context.user, template: "override-version", view: view)
        return ConsoleResponse.page(status, html)
    }

    /// `POST /console/plugins/ID/override/versions/V/decision` (`csrf`, `decision` approve|reject, `comment`): the
    /// county office decides; an approval is checked again first and every replica reloads within seconds.
    func overrideDecision(_ request: Request, id: String, version: Int?) async throws -> Response {
        let (context, fields) = try await overrideWrite(request, id: id)
        guard let version else { return notFound(context.user) }
        guard let decision = fields["decision"], ["approve", "reject"].contains(decision) else {
            return try await overrideVersionPage(request, id: id, version: version, problem: "请选择审批通过或驳回。", status: .badRequest)
        }
        let comment = fields["comment"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let decider = context.visitor.overrideDecider else {
            return try await overrideVersionPage(request, id: id, version: version, problem: "只有县乡村振兴局可以审批覆盖配置。", status: .forbidden)
        }
        if let comment, comment.count > 500 || comment.contains(where: \.isNewline) {
            return try await overrideVersionPage(request, id: id, version: version, problem: "审批意见须为一行，最多 500 字。", status: .unprocessableContent)
        }
        let approve = decision == "approve"
        if approve, let found = try await context.desk.store.version(pluginID: id, version: version), found.state == .pending,
           case .failure = try await check(context, text: found.body, version: version) {
            return try await overrideVersionPage(request, id: id, version: version, problem: "该版本按当前插件无法加载，不能审批通过。", status: .unprocessableContent)
        }
        do {
            let decided = try await context.desk.store.decide(
                pluginID: id, version: version, approve: approve, comment: comment?.isEmpty == true ? nil : comment,
                entry: OverrideEntry(actor: decider, channel: "console", at: now()))
            logger.info(approve ? "覆盖配置已审批通过 (override approved)" : "覆盖配置已驳回 (override rejected)",
                        metadata: ["plugin": "\(id)", "version": "\(decided.version)", "by": "\(decider)"])
            return try await overrideVersionPage(
                request, id: id, version: version,
                notice: approve ? "已审批通过第 \(version) 版，各实例将在数秒内重新加载。" : "已驳回第 \(version) 版。")
        } catch let error as StoreError where error.code == .overrideRefused || error.code == .overrideNotFound {
            return try await overrideVersionPage(request, id: id, version: version, problem: error.message, status: .conflict)
        }
    }

    /// `POST /console/plugins/ID/override/versions/V/restore` (`csrf`): the version's text saved as a new version,
    /// pending approval, after the same check as any other.
    func overrideRestore(_ request: Request, id: String, version: Int?) async throws -> Response {
        let (context, fields) = try await overrideWrite(request, id: id)
        guard let version, let found = try await context.desk.store.version(pluginID: id, version: version) else { return notFound(context.user) }
        return try await propose(context, text: found.body)
    }

    /// `GET /console/plugins/ID/override/compare?from=V1&to=V2`: two versions line by line (0 is the plugin as shipped).
    func overrideCompare(_ request: Request, id: String) async throws -> Response {
        let context = try await overrideDesk(request, id: id)
        let history = try await context.desk.store.history(pluginID: id)
        func text(_ name: Substring) -> String?? {
            guard let number = request.uri.queryParameters[name].flatMap({ Int($0) }) else { return nil }
            if number == 0 { return .some("") }
            return history.first { $0.version == number }.map { .some($0.body) }
        }
        guard let old = text("from"), let new = text("to") else {
            return message(.badRequest, heading: "无法比较", text: "请选择两个存在的版本。", next: .init(title: "返回本部门配置", href: context.base), user: context.user)
        }
        let view = OverrideCompareView(
            name: context.plugin.name, base: context.base,
            from: request.uri.queryParameters["from"].map(String.init) ?? "", to: request.uri.queryParameters["to"].map(String.init) ?? "",
            diff: LineDiff.lines(from: old ?? "", to: new ?? "").map(OverrideReview.DiffLine.init))
        let html = renderer.page(title: "本部门配置 · 比较", user: context.user, template: "override-compare", view: view)
        return ConsoleResponse.page(.ok, html)
    }
}

extension OverrideReview.DiffLine {
    init(_ line: LineDiff.Line) {
        switch line {
        case .same(let text): self.init(text: " " + text, mark: "same")
        case .added(let text): self.init(text: "+" + text, mark: "added")
        case .removed(let text): self.init(text: "-" + text, mark: "removed")
        }
    }
}
