import Foundation
import ServiceLifecycle

/// Pings systemd's watchdog (`WATCHDOG=1`) at half of `$WATCHDOG_USEC`, as `sd_watchdog_enabled(3)`
/// recommends. If the process hangs, the pings stop and systemd restarts the service.
public struct WatchdogService: Service {
    public let interval: Duration
    private let notifier: SystemdNotifier

    /// Nil when systemd did not ask for a watchdog, or asked another process (`$WATCHDOG_PID`).
    public init?(notifier: SystemdNotifier?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let notifier, let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else {
            return nil
        }
        if let pid = environment["WATCHDOG_PID"], pid != String(getpid()) { return nil }
        self.notifier = notifier
        self.interval = .microseconds(Int64(usec / 2))
    }

    public func run() async throws {
        repeat {
            self.notifier.notify(.watchdog)
        } while await sleepUnlessShuttingDown(for: self.interval)
    }
}
