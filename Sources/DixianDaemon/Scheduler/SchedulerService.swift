import DixianCore
import DixianScheduling
import DixianStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The scheduler (调度): on the one replica that holds the planner lock, runs a ``PlanningTick`` every
/// `schedule.tick_interval`; the other replicas wait and take over within seconds when the leader dies.
struct SchedulerService: Service {
    /// How often a replica that is not the leader tries to become it.
    static let leadershipRetry: Duration = .seconds(2)

    let context: DaemonContext

    func run() async throws {
        let logger = context.logger
        let lock = PlannerLock(
            endpoint: context.endpoint, connectTimeout: context.store.current.configuration.database.connectTimeout, logger: logger)
        let leader = Gauge(label: "dixian_scheduler_leader")
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                // A lease won just as the daemon stops is given up, not dropped with its connection open.
                let attempt = try await abandoningOnShutdown({ try await lock.tryAcquire() }, onAbandoned: { $0?.release() })
                if let acquired = attempt, let lease = acquired {
                    logger.info("本实例负责排期 (planner leadership acquired)", metadata: ["instance": "\(context.instance.id)"])
                    leader.record(1)
                    await self.tickWhileLeader { await lease.isHeld() }
                    lease.release()
                    leader.record(0)
                    logger.info("本实例不再负责排期 (planner leadership released)")
                }
            } catch {
                leader.record(0)
                logger.warning("排期暂停,稍后重试 (planner paused, retrying)", metadata: ["error": "\(StoreError.explain(error))"])
            }
            guard await sleepUnlessShuttingDown(for: Self.leadershipRetry) else { break }
        }
    }

    private func tickWhileLeader(_ isStillLeader: () async -> Bool) async {
        let tick = PlanningTick(client: context.client, logger: context.logger)
        var lastWarnings: [String] = []
        var isFirstTick = true
        repeat {
            guard await isStillLeader() else {
                context.logger.warning("排期锁已丢失 (planner lock lost)")
                return
            }
            let running = context.store.current
            let now = context.options.clock.now()
            self.recordCalendarCoverage(running, now: now)
            await self.maintainPartitions(running, now: now)
            do {
                // A shutdown abandons a tick in progress: its open transaction rolls back and the next start
                // resumes from the last complete one (PlanningTick), so SIGTERM never waits for a long tick.
                guard let outcome = try await abandoningOnShutdown({ try await tick.run(running, now: now) }) else {
                    context.logger.notice("排期因停止而中断 (planning tick abandoned at shutdown)")
                    return
                }
                await self.record(outcome, at: now, isFirstTick: isFirstTick)
                await self.screenIfDue(running, now: now)
                await self.issueBulletinIfDue(running, now: now)
                HeapRelease.trim()
                if isFirstTick {
                    let bytes = HeapRelease.releaseStartupCode()
                    context.logger.debug("启动代码页已交还 (start-up code paged out)", metadata: ["bytes": "\(bytes)"])
                }
                isFirstTick = false
                if !outcome.skipped, outcome.warnings != lastWarnings {
                    for warning in outcome.warnings { context.logger.warning("\(warning)") }
                    lastWarnings = outcome.warnings
                }
            } catch where Task.isShuttingDownGracefully || Task.isCancelled {
                return
            } catch {
                Counter(label: "dixian_scheduler_tick_failures_total").increment()
                context.logger.error("排期失败 (planning tick failed)", metadata: ["error": "\(StoreError.explain(error))"])
            }
        } while await sleepUnlessShuttingDown(for: context.store.current.configuration.schedule.tickInterval)
    }

    /// The number of years from now to the horizon without a holiday calendar (DOMAIN.md: warn and count).
    private func recordCalendarCoverage(_ running: RunningConfiguration, now: Date) {
        let zone = running.configuration.zone
        let first = now.localDate(in: zone).year
        let last = SchedulePlanner.horizonEnd(after: now, zone: zone).year
        let missing = (first...last).filter { !running.calendar.isCovered(year: $0) }.count
        Gauge(label: "dixian_holiday_calendar_missing_years").record(missing)
    }

    /// Metrics, a `schedule_ticks` row and a log line for an applied tick. A skipped tick (inputs unchanged)
    /// is logged at info only when it is the first since this replica became the planner, so a restart or a
    /// takeover shows it planned nothing and how long that took, without a line every minute after.
    private func record(_ outcome: PlanningTick.Outcome, at now: Date, isFirstTick: Bool) async {
        let seconds = outcome.duration.timeInterval
        Timer(label: "dixian_scheduler_tick_duration_seconds").recordSeconds(seconds)
        Gauge(label: "dixian_scheduler_last_tick_timestamp_seconds").record(now.timeIntervalSince1970)
        guard !outcome.skipped else {
            context.logger.log(
                level: isFirstTick ? .info : .debug, "排期输入未变, 无需重新计划 (planning tick: inputs unchanged, nothing to plan)",
                metadata: ["clock": "\(ISO8601DateFormatter().string(from: now))", "ms": "\(Int(seconds * 1000))"])
            return
        }
        let application = outcome.application
        Counter(label: "dixian_occurrences_planned_total").increment(by: application.occurrencesAdded)
        Counter(label: "dixian_notifications_planned_total").increment(by: application.notificationsAdded)
        let record = PlanningTickRecord(
            instanceID: context.instance.id, clockAt: now, durationMilliseconds: Int(seconds * 1000), application: application)
        try? await ScheduleStore(client: context.client, logger: context.logger).recordTick(record)
        context.logger.info(
            "排期完成 (planning tick applied)",
            metadata: [
                "clock": "\(ISO8601DateFormatter().string(from: now))",
                "occurrences_added": "\(application.occurrencesAdded)",
                "occurrences_withdrawn": "\(application.occurrencesWithdrawn)",
                "notifications_added": "\(application.notificationsAdded)",
                "notifications_cancelled": "\(application.notificationsCancelled)",
                "ms": "\(Int(seconds * 1000))",
            ])
    }
}
