import DixianStore
import Foundation
import Metrics

extension SchedulerService {
    /// How often every rule is screened even without a new import.
    static let screeningCadence: TimeInterval = 24 * 3600

    /// On the planner leader, after a tick: screens every enabled rule when the last run is older than a day or
    /// older than the last import (an import's own screening failed or was cut short), then starts any pending
    /// verification clock. A failure is logged and counted; the next tick tries again.
    func screenIfDue(_ running: RunningConfiguration, now: Date) async {
        let screening = ScreeningStore(client: context.client, logger: context.logger)
        do {
            let (lastRun, lastImport) = try await screening.lastActivity()
            guard let lastImport else { return }
            let due = lastRun.map { now.timeIntervalSince($0) >= Self.screeningCadence || lastImport > $0 } ?? true
            let screener = Screener(client: context.client, logger: context.logger)
            if due {
                let results = try await screener.run(running, trigger: "cadence", now: now)
                Counter(label: "dixian_screening_runs_total").increment(by: results.count)
                Gauge(label: "dixian_screening_last_run_timestamp_seconds").record(now.timeIntervalSince1970)
            } else {
                try await screener.startPendingClocks(running)
            }
        } catch {
            Counter(label: "dixian_screening_failures_total").increment()
            context.logger.error("筛查失败 (screening failed)", metadata: ["error": "\(StoreError.explain(error))"])
        }
    }
}
