import DixianMonitoring
import DixianStore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /console/signals[?status=pending|overdue|verified&page=N]` (预警): the risk signals the person sees,
    /// with the verification deadline of each, 50 a page (a phone's list; 200 rows took 150 ms to render); an
    /// unknown status or page is 400.
    func signals(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.signalsRoute.path)
        let requested = request.uri.queryParameters["status"].map(String.init) ?? ConsoleStore.SignalStatus.pending.rawValue
        guard let status = ConsoleStore.SignalStatus(rawValue: requested) else {
            return message(.badRequest, heading: "无法识别的筛选条件", text: "状态应为待核实、已逾期或已核实。",
                           next: .init(title: "查看待核实预警", href: Self.signalsRoute.path), user: user)
        }
        guard let page = Int(request.uri.queryParameters["page"].map(String.init) ?? "1"), (1...10_000).contains(page) else {
            return message(.badRequest, heading: "无法识别的页码", text: "页码应为从 1 起的整数。",
                           next: .init(title: "查看待核实预警", href: Self.signalsRoute.path), user: user)
        }
        // One more than a page tells whether there is a next one.
        var rows = try await store.signals(in: visitor.scope, status: status, now: now(), limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
        let hasNext = rows.count > Self.pageSize
        rows = Array(rows.prefix(Self.pageSize))
        let plugins = settings().plugins
        let here = Self.signalsRoute.path + "?status=" + status.rawValue + "&page="
        let view = SignalsView(
            tabs: [(ConsoleStore.SignalStatus.pending, "待核实"), (.overdue, "核实已逾期"), (.verified, "已核实")].map { tab, title in
                SignalsView.Tab(title: title, href: Self.signalsRoute.path + "?status=" + tab.rawValue, current: tab == status)
            },
            page: page, previous: page > 1 ? here + String(page - 1) : nil, next: hasNext ? here + String(page + 1) : nil,
            count: rows.count,
            signals: rows.map { row in
                let rule = row.rule.map { plugins.rule(qualifiedID: $0)?.title ?? $0 }
                return SignalsView.Signal(
                    id: row.id, source: row.source.chineseName, unit: row.unitName,
                    risks: row.riskTypes.map(\.chineseName).joined(separator: "、"), rule: rule, raisedOn: row.raisedOn,
                    verifyBy: row.verifyBy, outcome: row.outcome.map(MonitoringStore.outcomeText), overdue: row.isOverdue)
            })
        let html = renderer.page(title: "预警", user: user, template: "signals", view: view)
        return ConsoleResponse.page(.ok, html)
    }
}

extension ConsoleRoutes {
    /// Rows of a list page.
    static let pageSize = 50
}

struct SignalsView {
    struct Tab {
        var title: String
        var href: String
        var current: Bool
    }

    struct Signal {
        var id: Int64
        var source: String
        var unit: String
        var risks: String
        var rule: String?
        var raisedOn: String
        var verifyBy: String?
        var outcome: String?
        var overdue: Bool
    }

    var tabs: [Tab]
    var page: Int
    var previous: String?
    var next: String?
    var count: Int
    var signals: [Signal]
}
