import DixianTestSupport
import Foundation
import Testing

/// The Grafana dashboard (deploy/grafana/dixian.json): importable anywhere (a stable uid, the datasource a
/// variable), and every panel's PromQL valid and about metrics the daemon has, so a typo in a panel fails here.
@Suite("Grafana dashboard")
struct DashboardTests {
    static let path = DixianBinary.packageRoot + "/deploy/grafana/dixian.json"

    static func dashboard() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// Every panel's target expressions, in order.
    static func expressions(_ dashboard: [String: Any]) -> [String] {
        let panels = dashboard["panels"] as? [[String: Any]] ?? []
        return panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
    }

    @Test("a stable uid, the datasource a variable in every panel and target, and Grafana 10's schema")
    func importable() throws {
        let dashboard = try Self.dashboard()
        #expect(dashboard["uid"] as? String == "dixian-overview")
        #expect((dashboard["schemaVersion"] as? Int ?? 0) >= 38)
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        #expect(variables.contains { $0["name"] as? String == "datasource" && $0["type"] as? String == "datasource" })
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        for panel in panels where panel["type"] as? String != "row" {
            let sources = [panel["datasource"]] + (panel["targets"] as? [[String: Any]] ?? []).map { $0["datasource"] }
            for source in sources {
                #expect((source as? [String: Any])?["uid"] as? String == "${datasource}", "\(panel["title"] ?? "")")
            }
        }
    }

    @Test("every panel expression passes promtool as a recording rule, and names only metrics the daemon exports",
          .enabled(if: RequiredTools.enabled(Promtool.url != nil), "needs promtool"))
    func expressionsCheck() async throws {
        let expressions = Self.expressions(try Self.dashboard())
        #expect(expressions.count > 20)
        // Generated here, from the dashboard, so the rules file can never drift from the panels.
        var rules = "groups:\n  - name: dixian-dashboard-panels\n    rules:\n"
        for (index, expression) in expressions.enumerated() {
            let quoted = String(decoding: try JSONEncoder().encode(expression), as: UTF8.self)
            rules += "      - record: dixian:dashboard_panel_\(index)\n        expr: \(quoted)\n"
        }
        let work = try makeWorkDirectory("dashboard")
        try rules.write(toFile: work + "/panels.yaml", atomically: true, encoding: .utf8)
        let checked = try await Promtool.run(["check", "rules", "panels.yaml"], in: work)
        #expect(checked.status == 0 && checked.output.contains("SUCCESS: \(expressions.count) rules"), "\(checked.output)")

        let known = try DocsAgreementTests.codeMetrics()
        let pattern = try NSRegularExpression(pattern: "dixian_[a-z0-9_]+")
        for expression in expressions {
            for match in pattern.matches(in: expression, range: NSRange(expression.startIndex..., in: expression)) {
                var name = String(expression[Range(match.range, in: expression)!])
                for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) && !known.contains(name) {
                    name = String(name.dropLast(suffix.count))
                }
                #expect(known.contains(name), "\(name) in \(expression)")
            }
        }
    }
}
