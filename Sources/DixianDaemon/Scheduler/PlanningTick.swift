import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation
import Logging
import Metrics
import PostgresNIO

/// One planning tick (排期): brings the stored schedule in line with plugins, directory, calendar and
/// the clock. Skips all work when nothing it depends on changed since the last applied plan.
public struct PlanningTick: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// What a tick did.
    public struct Outcome: Sendable {
        public var skipped: Bool
        public var application: PlanApplication
        public var warnings: [String]
        public var duration: Duration
    }

    public func run(_ running: RunningConfiguration, now: Date, force: Bool = false) async throws -> Outcome {
        let started = ContinuousClock.now
        let store = ScheduleStore(client: client, logger: logger)
        let inputs = PlanningInputs(running: running, now: now, directoryStamp: try await store.directoryStamp())
        let fingerprint = inputs.fingerprint
        let last = try await store.lastApplied()
        if !force, let last, last.fingerprint == fingerprint {
            return Outcome(skipped: true, application: PlanApplication(), warnings: [], duration: ContinuousClock.now - started)
        }
        logger.debug("排期: 读取组织目录 (tick: loading directory)")
        let directory = DirectoryStore(client: client, logger: logger)
        let index = DirectoryIndex(units: try await directory.units(), officials: try await directory.officials())
        let enabledSince = try await store.enabledSince(inputs.dutyHashes, at: now)
        // Occurrences due before the last complete application are stored already (or fell before the duty
        // existed). Not `now`: a tick cut short by a crash must be redone from where the last one ended.
        let since = enabledSince.mapValues { max($0, min(last?.at ?? $0, now)) }
        logger.debug("排期: 计算 (tick: planning)", metadata: ["units": "\(index.units(at: .village).count)"])
        let planner = SchedulePlanner(plugins: running.plugins, directory: index, context: inputs.context)
        let plan = planner.plan(from: now, through: inputs.horizonEnd, enabledSince: since)
        // A cancelled planner returns a partial plan; applying it would withdraw what it left out.
        try Task.checkCancellation()
        Gauge(label: "dixian_unreachable_recipients").record(plan.unreachable.count)
        Gauge(label: "dixian_unassigned_occurrences").record(plan.occurrences.filter(\.isUnassigned).count)
        logger.debug("排期: 写入 (tick: applying)", metadata: ["occurrences": "\(plan.occurrences.count)"])
        let scope = PlanScope(dutyIDs: Set(inputs.calendarDuties.map(\.qualifiedID)), after: now, through: inputs.horizonEnd)
        let application = try await store.apply(plan, scope: scope, targets: inputs.targets)
        try await store.recordApplied(fingerprint: fingerprint, horizonEnd: inputs.horizonEnd, at: now)
        return Outcome(skipped: false, application: application, warnings: plan.warnings, duration: ContinuousClock.now - started)
    }
}
