import Crypto
import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianScreening
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Screening (筛查): runs the enabled rules of the plugins over the latest data, and starts the verification
/// clock of every alert raised, so its reminders go through the outbox like any other.
public struct Screener: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Which rules to run.
    public struct Selection: Sendable, Hashable {
        public var plugin: String?
        public var rule: String?
        /// Only rules over this dataset target (`<plugin>.<dataset>`), e.g. after its import.
        public var target: String?

        public init(plugin: String? = nil, rule: String? = nil, target: String? = nil) {
            self.plugin = plugin
            self.rule = rule
            self.target = target
        }
    }

    /// The tables of every dataset of the enabled plugins.
    public static func layouts(_ plugins: PluginSet) -> [DatasetTableLayout] {
        plugins.plugins.filter(\.isEnabled).flatMap { plugin in
            plugin.datasets.map { DatasetTableLayout.dataset($0, plugin: plugin.id) }
        }
    }

    /// Creates or migrates the dataset tables of `running`'s plugins.
    public func prepareTables(_ running: RunningConfiguration) async throws {
        try await DatasetStore(client: client, logger: logger).ensureTables(Self.layouts(running.plugins))
    }

    /// Runs the selected enabled rules, then (unless a dry run) starts the clocks of the alerts raised.
    public func run(
        _ running: RunningConfiguration, selection: Selection = Selection(), trigger: String, dryRun: Bool = false,
        now: Date
    ) async throws -> [ScreeningRunResult] {
        try await prepareTables(running)
        let store = ScreeningStore(client: client, logger: logger)
        let asOf = now.localDate(in: running.configuration.zone)
        var results: [ScreeningRunResult] = []
        for request in Self.requests(running.plugins, selection: selection, trigger: trigger, asOf: asOf, now: now, dryRun: dryRun) {
            let result = try await store.run(request)
            logger.info(
                "筛查完成 (rule screened)",
                metadata: [
                    "rule": "\(request.plugin).\(request.ruleID)", "matched": "\(result.matched)",
                    "new": "\(result.newAlerts)", "missing": "\(result.dataMissing)", "dry_run": "\(dryRun)",
                ])
            results.append(result)
        }
        if !dryRun { try await startPendingClocks(running) }
        return results
    }

    /// One request per selected enabled rule, its condition compiled with the plugin's parameter values
    /// (`package` for `dixian bench screen`, which times these very conditions).
    package static func requests(
        _ plugins: PluginSet, selection: Selection, trigger: String, asOf: CalendarDate, now: Date, dryRun: Bool
    ) -> [ScreeningRunRequest] {
        var requests: [ScreeningRunRequest] = []
        for plugin in plugins.plugins where plugin.isEnabled && (selection.plugin == nil || selection.plugin == plugin.id) {
            let context = ScreeningContext(asOf: asOf, parameters: screeningParameters(plugin))
            for rule in plugin.rules where rule.isEnabled && (selection.rule == nil || selection.rule == rule.id) {
                guard let condition = rule.compiledCondition,
                    let dataset = plugin.datasets.first(where: { $0.id == rule.dataset })
                else { continue }
                let layout = DatasetTableLayout.dataset(dataset, plugin: plugin.id)
                guard selection.target == nil || selection.target == layout.target else { continue }
                requests.append(ScreeningRunRequest(
                    plugin: plugin.id, ruleID: rule.id, severity: rule.severity.rawValue, layout: layout,
                    condition: SQLCompiler().compile(condition, context: context),
                    ruleHash: ruleHash(condition, dataset: dataset, context: context), trigger: trigger, asOf: asOf,
                    now: now, dryRun: dryRun))
            }
        }
        return requests
    }

    /// A plugin's effective parameter values (after bureau overrides) as rule values.
    public static func screeningParameters(_ plugin: Plugin) -> [String: ScreeningValue] {
        var result: [String: ScreeningValue] = [:]
        for parameter in plugin.parameters { result[parameter.name] = screeningValue(parameter.value) }
        return result
    }

    static func screeningValue(_ value: ParameterValue) -> ScreeningValue {
        switch value {
        case .integer(let number): .int(Int64(number))
        case .decimal(let number): .double(number)
        case .date(let date): .date(date)
        case .text(let text): .string(text)
        case .list(let items): .list(items.map(screeningValue))
        }
    }

    /// What identifies a rule's version: its condition, its dataset's columns and the values of the parameters it
    /// reads. A changed override changes the hash, so runs before and after are told apart.
    static func ruleHash(_ condition: RuleCondition, dataset: Dataset, context: ScreeningContext) -> String {
        var text = condition.text + "\n"
        text += dataset.columns.map { "\($0.name):\($0.kind.rawValue)" }.joined(separator: ",") + "\n"
        text += condition.expression.parameters.sorted().map { "\($0)=\(context.parameters[$0]?.description ?? "")" }
            .joined(separator: ",")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
