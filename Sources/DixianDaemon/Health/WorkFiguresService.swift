import DixianStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Publishes the work figures (工作进度指标) as gauges: verifications pending and past their deadline, cases by
/// stage, 10-day and 30-day clocks past due, by town; each enabled rule's last screening; each dataset's last
/// import. Every replica reads them from the database as often as the planner ticks (`schedule.tick_interval`), so
/// any replica's `/metrics` shows the same county; the alert rules take the maximum over replicas.
struct WorkFiguresService: Service {
    let context: DaemonContext

    func run() async throws {
        var published: Set<GaugeSeries> = []
        repeat {
            let running = context.store.current
            do {
                if let figures = try await abandoningOnShutdown({ try await self.read() }) {
                    published = Self.publish(Self.series(figures, running: running), replacing: published)
                }
            } catch {
                Counter(label: "dixian_work_figures_failures_total").increment()
                context.logger.warning("工作进度指标读取失败 (work figures not read)", metadata: ["error": "\(StoreError.explain(error))"])
            }
        } while await sleepUnlessShuttingDown(for: context.store.current.configuration.schedule.tickInterval)
    }

    private func read() async throws -> WorkFigures {
        // The clock duties are not configurable (MonitoringSettings keeps ProcedureSettings' defaults for them).
        let procedure = ProcedureSettings()
        return try await WorkFiguresStore(client: context.client, logger: context.logger).figures(
            now: context.options.clock.now(), helpPlanDutyID: procedure.helpPlanDutyID, measuresDutyID: procedure.measuresDutyID)
    }

    /// One gauge series: a metric name and its labels in order.
    struct GaugeSeries: Hashable, Sendable {
        var name: String
        var labels: [String]
        var values: [String]

        init(name: String, _ labels: [(String, String)] = []) {
            self.name = name
            self.labels = labels.map(\.0)
            self.values = labels.map(\.1)
        }

        var dimensions: [(String, String)] { Array(zip(labels, values)) }
    }

    /// The series and their values. Every town gets every figure (a zero is a value a panel can show), every enabled
    /// rule its last screening, every dataset of an enabled plugin its last import (0: never imported, 数据缺失).
    static func series(_ figures: WorkFigures, running: RunningConfiguration) -> [GaugeSeries: Double] {
        var series: [GaugeSeries: Double] = [:]
        for (town, figures) in figures.towns {
            let place = [("town_code", town.code), ("town", town.name)]
            for source in WorkFigures.signalSources {
                series[GaugeSeries(name: "dixian_signals", place + [("source", source)])] = Double(figures.signalsBySource[source] ?? 0)
            }
            series[GaugeSeries(name: "dixian_verifications_pending", place)] = Double(figures.verificationsPending)
            series[GaugeSeries(name: "dixian_verifications_overdue", place)] = Double(figures.verificationsOverdue)
            series[GaugeSeries(name: "dixian_verifications_done", place + [("on_time", "true")])] = Double(figures.verifiedOnTime)
            series[GaugeSeries(name: "dixian_verifications_done", place + [("on_time", "false")])] = Double(figures.verifiedLate)
            for stage in WorkFigures.caseStages {
                series[GaugeSeries(name: "dixian_cases", place + [("stage", stage)])] = Double(figures.casesByStage[stage] ?? 0)
            }
            series[GaugeSeries(name: "dixian_case_clocks_overdue", place + [("clock", "10_day")])] = Double(figures.helpPlanClocksOverdue)
            series[GaugeSeries(name: "dixian_case_clocks_overdue", place + [("clock", "30_day")])] = Double(figures.measuresClocksOverdue)
        }
        for plugin in running.plugins.plugins where plugin.isEnabled {
            for rule in plugin.rules where rule.isEnabled {
                let label = [("rule", "\(plugin.id).\(rule.id)")]
                let last = figures.rules["\(plugin.id).\(rule.id)"]
                series[GaugeSeries(name: "dixian_screening_rule_last_run_timestamp_seconds", label)] = last?.lastRunAt.timeIntervalSince1970 ?? 0
                series[GaugeSeries(name: "dixian_screening_rule_rows", label)] = Double(last?.rowsScreened ?? 0)
                series[GaugeSeries(name: "dixian_screening_rule_matched", label)] = Double(last?.matched ?? 0)
                series[GaugeSeries(name: "dixian_screening_rule_data_missing_rows", label)] = Double(last?.dataMissing ?? 0)
            }
            for dataset in plugin.datasets {
                let target = "\(plugin.id).\(dataset.id)"
                series[GaugeSeries(name: "dixian_dataset_last_import_timestamp_seconds", [("dataset", target)])] =
                    figures.lastImports[target]?.timeIntervalSince1970 ?? 0
            }
        }
        for target in ["register.households", "register.persons"] {
            series[GaugeSeries(name: "dixian_dataset_last_import_timestamp_seconds", [("dataset", target)])] =
                figures.lastImports[target]?.timeIntervalSince1970 ?? 0
        }
        return series
    }

    /// Records `current`, and 0 for a series published before that is gone now (a town or rule removed), so that
    /// no stale value stays on `/metrics`. Returns what is published.
    static func publish(_ current: [GaugeSeries: Double], replacing previous: Set<GaugeSeries>) -> Set<GaugeSeries> {
        for (series, value) in current {
            Gauge(label: series.name, dimensions: series.dimensions).record(value)
        }
        for series in previous where current[series] == nil {
            Gauge(label: series.name, dimensions: series.dimensions).record(0)
        }
        return previous.union(current.keys)
    }
}
