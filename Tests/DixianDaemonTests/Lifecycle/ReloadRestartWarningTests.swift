import DixianCore
import DixianTestSupport
import DixianWeb
import Foundation
import Logging
import Testing

@testable import DixianDaemon

/// A reload applies what it can and names every changed key that only a restart applies (issue 21).
@Suite("reload warns about keys that take effect only after a restart")
struct ReloadRestartWarningTests {
    @Test("each changed start-up-only key is named; keys a reload applies are not")
    func differences() {
        let old = Configuration.defaults
        var new = old
        new.schedule.enabled = false
        new.notify.enabled = false
        new.links.timeToLive = .seconds(7 * 86_400)
        new.links.secret = Secret("0123456789abcdef0123456789abcdef")
        #expect(old.restartOnlyDifferences(from: new) == ["links.secret_file", "links.ttl", "schedule.enabled", "notify.enabled"])

        var applied = old
        applied.schedule.tickInterval = .seconds(5)
        applied.notify.batchSize = 7
        applied.log.level = .debug
        #expect(old.restartOnlyDifferences(from: applied).isEmpty)

        // An unset base_url follows http.listen: moving the listener moves the links too.
        var moved = old
        moved.http.listen = Configuration.ListenAddress(host: "127.0.0.1", port: 9090)
        moved.followListenAddressInLinks()
        #expect(old.restartOnlyDifferences(from: moved) == ["http.listen", "links.base_url"])
        #expect(Set(old.restartOnlyDifferences(from: new)).isSubset(of: Configuration.restartOnlyKeys))
    }

    @Test("SIGHUP's reload with schedule.enabled and links.ttl changed logs one warning per key and keeps going")
    func reloaderLogsEachKey() throws {
        let work = try makeWorkDirectory("reload-restart")
        let path = work + "/dixian.yaml"
        let root = DixianBinary.packageRoot
        let base = "plugins:\n  dir: \(root)/plugins\nschedule:\n  holidays_dir: \(root)/config/holidays\n"
        try base.write(toFile: path, atomically: true, encoding: .utf8)
        let options = DaemonOptions(configPath: path, environment: [:])
        let store = ConfigurationStore(try options.loadRunningConfiguration())
        let captured = CapturedLog()
        let reloader = Reloader(
            options: options, store: store, readiness: ReadinessState(),
            metrics: DaemonMetrics(version: "test", maxConnections: 1), notifier: nil,
            logger: Logger(label: "test") { _ in CapturingLogHandler(log: captured) })

        try (base + "  enabled: false\nlinks:\n  ttl: 7d\n").write(toFile: path, atomically: true, encoding: .utf8)
        reloader.reload()

        let warnings = captured.events.filter { $0.level == .warning && $0.message.contains("重启") }
        #expect(warnings.map { $0.metadata["key"] } == ["links.ttl", "schedule.enabled"], "\(captured.events)")
        #expect(warnings.first?.message == "此项修改需重启才能生效 (change takes effect after a restart)")
        // The reload itself succeeded: the new values are in force for everything that reads them live.
        #expect(store.current.configuration.schedule.enabled == false)
        #expect(captured.events.contains { $0.message.hasPrefix("配置已重新加载") })
    }
}

/// Events a ``CapturingLogHandler`` received, safe across threads.
final class CapturedLog: @unchecked Sendable {
    struct Event: Sendable, CustomStringConvertible {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
        var description: String { "\(level) \(message) \(metadata)" }
    }

    private let lock = NSLock()
    private var stored: [Event] = []

    var events: [Event] { lock.withLock { stored } }

    func append(_ event: Event) { lock.withLock { stored.append(event) } }
}

/// A log handler that records every event, for tests that assert what the daemon logs.
struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        log.append(CapturedLog.Event(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}
