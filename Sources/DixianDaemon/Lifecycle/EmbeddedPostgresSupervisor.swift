import DixianEmbeddedPostgres
import DixianWeb
import Logging
import Metrics
import ServiceLifecycle

/// Keeps the embedded PostgreSQL running (守护内嵌数据库). In embedded mode the daemon owns its cluster,
/// so when the server dies (killed, out of memory, crashed) nobody else will start it: the daemon does,
/// with backoff while starting fails, and says so in the log, systemd's `STATUS=` and `/readyz`.
///
/// The pool reconnects by itself once the server is back; requests in the gap get the database's
/// readiness problem. At shutdown the daemon stops the cluster after this service has ended, so a
/// deliberate stop is never mistaken for a death.
struct EmbeddedPostgresSupervisor: Service {
    /// How often the server process is looked for.
    static let checkInterval: Duration = .seconds(2)
    /// The longest wait between two attempts to start a server that keeps failing.
    static let maximumDelay: Duration = .seconds(60)
    /// The readiness component it reports under.
    static let component = "embedded_postgres"

    let cluster: EmbeddedPostgres
    let readiness: ReadinessState
    let notifier: SystemdNotifier?
    let logger: Logger

    /// The wait before restart attempt `attempt` (0 for the first): 1 s, 2 s, 4 s … at most ``maximumDelay``.
    static func delay(beforeAttempt attempt: Int) -> Duration {
        let seconds = 1 << min(max(attempt, 0), 16)
        return min(.seconds(seconds), maximumDelay)
    }

    func run() async throws {
        while await sleepUnlessShuttingDown(for: Self.checkInterval) {
            guard case .stopped = cluster.status() else { continue }
            await self.restart()
        }
    }

    /// Starts the server again, retrying with backoff until it runs or the daemon shuts down.
    private func restart() async {
        logger.error("内嵌数据库已停止, 正在重启 (embedded PostgreSQL died; restarting it)")
        self.report(readiness.setProblem(Self.component, "内嵌数据库已停止, 正在重启 (embedded PostgreSQL database died; restarting)"))
        var attempt = 0
        while await sleepUnlessShuttingDown(for: Self.delay(beforeAttempt: attempt)) {
            do {
                let outcome = try await cluster.start()
                Counter(label: "dixian_embedded_postgres_restarts_total").increment()
                logger.notice("内嵌数据库已重启 (embedded PostgreSQL restarted)", metadata: ["outcome": "\(outcome)", "attempts": "\(attempt + 1)"])
                self.report(readiness.clear(Self.component))
                return
            } catch {
                attempt += 1
                let wait = Self.delay(beforeAttempt: attempt)
                logger.error(
                    "内嵌数据库重启失败, 稍后再试 (embedded PostgreSQL restart failed; retrying)",
                    metadata: ["error": "\(error)", "attempt": "\(attempt)", "retry_in": "\(wait)"])
                self.report(readiness.setProblem(Self.component, "内嵌数据库重启失败 (embedded PostgreSQL database restart failed): \(error)"))
            }
        }
    }

    private func report(_ changed: Bool) {
        guard changed else { return }
        notifier?.notify(.status(readiness.snapshot.statusLine))
    }
}
