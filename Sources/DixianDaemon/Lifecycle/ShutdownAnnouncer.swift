import ServiceLifecycle

/// Tells systemd `STOPPING=1` the moment a graceful shutdown begins, before the other services
/// wind down, so `systemctl status` shows the truth while the daemon drains.
struct ShutdownAnnouncer: Service {
    let notifier: SystemdNotifier?

    func run() async throws {
        try? await gracefulShutdown()
        self.notifier?.notify(.stopping, .status("正在停止 (stopping)"))
    }
}
