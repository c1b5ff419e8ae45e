@testable import DixianDaemon
import DixianTestSupport
import Foundation
import Testing

/// Every metric family has help text, as Prometheus' linter asks: the daemon's own through swift-prometheus, those
/// recorded through swift-metrics through ``MetricHelp``.
@Suite("Metric help")
struct MetricHelpTests {
    @Test("every metric the sources record through swift-metrics has help, and the catalogue names no other")
    func catalogueCoversTheSources() throws {
        let pattern = try NSRegularExpression(pattern: "(?:(?:Counter|Gauge|Timer|Recorder|Meter)\\(label|GaugeSeries\\(name): \"(dixian_[a-z0-9_]+)\"")
        var recorded: Set<String> = []
        let sources = URL(fileURLWithPath: DixianBinary.packageRoot + "/Sources")
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { recorded.insert(String(text[range])) }
            }
        }
        #expect(recorded.count > 10)
        #expect(recorded.subtracting(MetricHelp.texts.keys).sorted() == [], "metrics without help")
        #expect(Set(MetricHelp.texts.keys).subtracting(recorded).sorted() == [], "help for metrics nothing records")
    }

    @Test("a family without help gets it before its TYPE line, once; one with help keeps its own")
    func annotate() {
        let input = """
            # HELP dixian_uptime_seconds 运行时长
            # TYPE dixian_uptime_seconds gauge
            dixian_uptime_seconds 3
            # TYPE dixian_notify_sent_total counter
            dixian_notify_sent_total{channel="email"} 2
            # TYPE something_else counter
            something_else 1

            """
        let output = String(decoding: MetricHelp.annotate(Array(input.utf8)), as: UTF8.self)
        #expect(output == input.replacingOccurrences(
            of: "# TYPE dixian_notify_sent_total", with: "# HELP dixian_notify_sent_total \(MetricHelp.texts["dixian_notify_sent_total"]!)\n# TYPE dixian_notify_sent_total"))
    }

    @Test("promtool check metrics finds nothing in a fresh registry's exposition with every swift-metrics family",
          .enabled(if: RequiredTools.enabled(Promtool.url != nil), "needs promtool"))
    func promtool() async throws {
        let metrics = DaemonMetrics(version: "test", maxConnections: 10)
        var text = String(decoding: metrics.exposition(), as: UTF8.self)
        // The families swift-metrics would add, as swift-prometheus writes them without help.
        for (name, _) in MetricHelp.texts.sorted(by: { $0.key < $1.key }) {
            let type = name.hasSuffix("_total") ? "counter" : "gauge"
            text += "# TYPE \(name) \(type)\n\(name) 1\n"
        }
        let checked = try await Promtool.checkMetrics(String(decoding: MetricHelp.annotate(Array(text.utf8)), as: UTF8.self))
        #expect(checked.status == 0 && checked.output.isEmpty, "\(checked.output)")
    }
}
