import DixianCore
import DixianDaemon
import DixianDatasets
import DixianPlugins
import DixianScreening
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Times each enabled rule's compiled query against its hand-written equivalent (``HandWrittenRules``).
///
/// The compiled side is the SELECT screening runs (``ScreeningQuery`` over the condition ``Screener`` compiles,
/// with its binds), counted where the condition is true; screening itself keeps every row in a temporary
/// table to reconcile alerts, which the hand-written side would have to do too, so both only count. The two
/// alternate, after one unmeasured run each, on one connection; the median of `repetitions` is kept.
struct RuleTimer: Sendable {
    let client: PostgresClient
    let logger: Logger
    let repetitions: Int

    func compare(_ plugins: PluginSet, progress: @escaping @Sendable (String) -> Void) async throws -> [ScreenBenchmark.RuleFigures] {
        let asOf = DemoData.referenceDate
        let period = ScreenBenchmarkData.period
        let requests = Screener.requests(
            plugins, selection: .init(), trigger: "bench", asOf: asOf, now: Date(), dryRun: true)
        let parameters = Dictionary(
            plugins.plugins.map { ($0.id, Screener.screeningParameters($0)) }, uniquingKeysWith: { first, _ in first })
        let repetitions = self.repetitions
        let logger = self.logger
        return try await client.withConnection { connection in
            var figures: [ScreenBenchmark.RuleFigures] = []
            for request in requests {
                progress("规则 (rule) \(request.plugin).\(request.ruleID)…")
                var bindings = request.condition.postgresBindings
                bindings.append(period)
                let select = ScreeningQuery(layout: request.layout)
                    .matches(condition: request.condition.text, periodPlaceholder: request.condition.binds.count + 1)
                let compiled = PostgresQuery(unsafeSQL: "SELECT count(*) FROM (\(select)) m WHERE m.result", binds: bindings)
                let inputs = HandWrittenRules.Inputs(parameters: parameters[request.plugin] ?? [:], asOf: asOf, period: period)
                let hand = HandWrittenRules.query(plugin: request.plugin, rule: request.ruleID, inputs)
                    .map { PostgresQuery(unsafeSQL: $0) }
                let table = SQLNaming.quoted(request.layout.tableName)
                let (rows, _) = try await Self.count(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE period = '\(period)'"), connection, logger)
                var compiledTimes: [Duration] = []
                var handTimes: [Duration] = []
                var compiledMatched = 0
                var handMatched: Int?
                // The first round warms the caches and is not kept.
                for round in 0...repetitions {
                    let (matched, elapsed) = try await Self.count(compiled, connection, logger)
                    compiledMatched = matched
                    if round > 0 { compiledTimes.append(elapsed) }
                    guard let hand else { continue }
                    let (handCount, handElapsed) = try await Self.count(hand, connection, logger)
                    handMatched = handCount
                    if round > 0 { handTimes.append(handElapsed) }
                }
                figures.append(ScreenBenchmark.RuleFigures(
                    rule: "\(request.plugin).\(request.ruleID)", rows: rows, compiledMatched: compiledMatched,
                    compiledMilliseconds: Self.medianMilliseconds(compiledTimes), handMatched: handMatched,
                    handMilliseconds: handTimes.isEmpty ? nil : Self.medianMilliseconds(handTimes)))
            }
            return figures
        }
    }

    /// Runs a one-number query; returns the number and the time to its last row.
    private static func count(
        _ query: PostgresQuery, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> (Int, Duration) {
        let started = ContinuousClock.now
        var result = 0
        for try await value in try await connection.query(query, logger: logger).decode(Int64.self) { result = Int(value) }
        return (result, ContinuousClock.now - started)
    }

    static func medianMilliseconds(_ times: [Duration]) -> Double {
        guard !times.isEmpty else { return 0 }
        let sorted = times.sorted()
        return sorted[sorted.count / 2].timeInterval * 1000
    }
}
