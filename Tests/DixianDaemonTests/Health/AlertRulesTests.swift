import DixianTestSupport
import Foundation
import Testing

/// The alert rules an operator loads (deploy/prometheus/dixian-rules.yaml) pass Prometheus' own checks, and each
/// alert fires and stays silent where its test cases say, and is explained in the README.
@Suite("Alert rules for Prometheus")
struct AlertRulesTests {
    static let directory = DixianBinary.packageRoot + "/deploy/prometheus"

    @Test("promtool check rules, then promtool test rules with a firing and a silent case per alert",
          .enabled(if: RequiredTools.enabled(Promtool.url != nil), "needs promtool"))
    func promtool() async throws {
        let checked = try await Promtool.run(["check", "rules", "dixian-rules.yaml"], in: Self.directory)
        #expect(checked.status == 0 && checked.output.contains("SUCCESS"), "\(checked.output)")
        let tested = try await Promtool.run(
            ["test", "rules", "dixian-rules.test.yaml", "dixian-rules.calendar.test.yaml"], in: Self.directory)
        #expect(tested.status == 0, "\(tested.output)")
    }

    @Test("every alert has a firing and a silent case, a Chinese summary, and a runbook paragraph in the README")
    func everyAlertCovered() throws {
        let rules = try String(contentsOfFile: Self.directory + "/dixian-rules.yaml", encoding: .utf8)
        let alerts = rules.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- alert: ") ? String(trimmed.dropFirst("- alert: ".count)) : nil
        }
        #expect(alerts.count == 8)
        let cases = try ["dixian-rules.test.yaml", "dixian-rules.calendar.test.yaml"]
            .map { try String(contentsOfFile: Self.directory + "/" + $0, encoding: .utf8) }.joined()
        let readme = try String(contentsOfFile: DixianBinary.packageRoot + "/README.md", encoding: .utf8)
        for alert in alerts {
            let silent = cases.contains("alertname: \(alert), exp_alerts: []}")
            let firing = cases.contains("alertname: \(alert)\n        exp_alerts:\n          - exp_labels")
            #expect(silent && firing, "\(alert): a silent and a firing case")
            #expect(readme.contains("**`\(alert)`**"), "\(alert): a runbook paragraph in the README")
        }
        let summaries = rules.split(separator: "\n").filter { $0.contains("summary:") }
        #expect(summaries.count == alerts.count && summaries.allSatisfy { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
    }
}
