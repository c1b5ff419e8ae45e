#if canImport(Glibc)
import Glibc
#endif
import DixianTestSupport
import Foundation
import Testing

/// `dixian serve` as a real process on its embedded PostgreSQL, driven by real signals and a real
/// notify socket: the issue's acceptance path from start to stop.
@Suite("dixian serve, end to end", .serialized)
struct ServeLifecycleTests {
    static let validConfig = "log:\n  level: info\n"
    static let brokenConfig = "log:\n  levle: info\nhttp:\n  listen: 8080\n"

    @Test("embedded start, READY/STATUS, health, reload rejected and accepted, STOPPING, clean stop")
    func lifecycle() async throws {
        let work = try makeWorkDirectory("serve")
        let config = work + "/dixian.yaml"
        try Self.validConfig.write(toFile: config, atomically: true, encoding: .utf8)
        let receiver = try NotifySocketReceiver(path: work + "/notify.sock")
        let daemon = try DaemonProcess(
            ["serve", "--config", config, "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
            environment: ["NOTIFY_SOCKET": receiver.address, "WATCHDOG_USEC": "1000000"],
            logPath: work + "/daemon.log"
        )
        defer { daemon.kill() }

        let startup = try #require(receiver.receive(until: "READY=1", timeout: .seconds(120)), "no READY=1; log:\n\(daemon.log)")
        #expect(startup.contains { $0.hasPrefix("STATUS=") })
        #expect(!startup.contains { $0.contains("STOPPING=1") })
        #expect(receiver.receive(until: "WATCHDOG=1", timeout: .seconds(60)) != nil, "no watchdog ping at WATCHDOG_USEC/2")
        let address = try #require(await daemon.httpAddress(timeout: .seconds(60)))
        #expect(await HTTPProbe.get(address, "/healthz")?.status == 200)
        let ready = try #require(await HTTPProbe.get(address, "/readyz"))
        #expect(ready.status == 200)
        #expect(ready.body.contains(#""status":"ready""#))
        let metrics = try #require(await HTTPProbe.get(address, "/metrics"))
        #expect(metrics.body.contains("dixian_build_info"))
        #expect(metrics.body.contains("dixian_database_up 1"))

        // A broken configuration: every error logged with file:line:column, old one kept.
        try Self.brokenConfig.write(toFile: config, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        let rejected = try #require(receiver.receive(until: "READY=1", timeout: .seconds(60)))
        let reloading = rejected.firstIndex { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }
        #expect(reloading != nil && reloading! < rejected.count - 1, "RELOADING=1 must come before READY=1: \(rejected)")
        #expect(await daemon.waitForLog("keeping the running one", timeout: .seconds(30)))
        #expect(daemon.log.contains("\(config):2:3"))
        #expect(daemon.log.contains("\(config):4:11"))
        let stillReady = try #require(await HTTPProbe.get(address, "/readyz"))
        #expect(stillReady.status == 200)
        #expect(stillReady.body.contains("configuration"))

        // The fix is taken live.
        try Self.validConfig.write(toFile: config, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(receiver.receive(until: "READY=1", timeout: .seconds(60)) != nil)
        #expect(await daemon.waitForLog("configuration reloaded", timeout: .seconds(30)))
        #expect(await HTTPProbe.get(address, "/readyz")?.body.contains("configuration") == false)

        // SIGTERM: STOPPING=1 first, then exit 0 (waited for generously), no postgres left behind.
        daemon.send(SIGTERM)
        #expect(receiver.receive(until: "STOPPING=1", timeout: .seconds(30)) != nil)
        let status = await daemon.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "log:\n\(daemon.log)")
        #expect(processesMentioning(work + "/var").isEmpty)
    }

    @Test("readiness follows the database going away and coming back; the daemon stays up")
    func databaseOutage() async throws {
        let work = try makeWorkDirectory("outage")
        let state = work + "/var"
        let daemon = try DaemonProcess(
            ["serve", "--state-dir", state, "--listen", "127.0.0.1:0"], logPath: work + "/daemon.log"
        )
        defer { daemon.kill() }
        let address = try #require(await daemon.httpAddress(timeout: .seconds(120)), "log:\n\(daemon.log)")
        #expect(await HTTPProbe.get(address, "/readyz")?.status == 200)

        // `db stop` refuses while the daemon uses the cluster; an outage is the server going away
        // underneath it, here a fast shutdown of the postmaster.
        let refused = try await CommandResult.run(["db", "stop", "--state-dir", state])
        #expect(refused.status == 1)
        #expect(refused.errorOutput.contains("in use by a running dixian"))
        // The daemon's supervisor restarts a stopped server within seconds; a line the server refuses keeps it
        // down until removed, so the gap is seen however loaded the machine is (as in EmbeddedSupervisionTests).
        let configuration = try FileHandle(forUpdating: URL(fileURLWithPath: state + "/postgres/data/postgresql.conf"))
        let length = try configuration.seekToEnd()
        try configuration.write(contentsOf: Data("\nthis line is not a setting\n".utf8))
        let status = try await CommandResult.run(["db", "status", "--state-dir", state])
        let pid = try #require(status.output.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) })
        #expect(kill(pid, SIGINT) == 0)
        let down = await poll(timeout: .seconds(60)) { await HTTPProbe.get(address, "/readyz")?.status == 503 }
        #expect(down, "log:\n\(daemon.log)")
        #expect(await HTTPProbe.get(address, "/readyz")?.body.contains("database") == true)
        #expect(await HTTPProbe.get(address, "/healthz")?.status == 200)

        try configuration.truncate(atOffset: length)
        try configuration.close()
        let up = await poll(timeout: .seconds(180)) { await HTTPProbe.get(address, "/readyz")?.status == 200 }
        #expect(up, "log:\n\(daemon.log)")
        #expect(daemon.process.isRunning)

        daemon.send(SIGTERM)
        let daemonExit = await daemon.waitForExit(timeout: .seconds(60))
        #expect(daemonExit == 0, "exit status \(daemonExit.map(String.init) ?? "none: still running"); log:\n\(daemon.excerpt)")
        #expect(processesMentioning(state).isEmpty)
    }

    @Test("a database that cannot be reached fails start-up quickly with a clear message")
    func unreachableDatabase() async throws {
        let work = try makeWorkDirectory("unreachable")
        let config = work + "/dixian.yaml"
        try "database:\n  connect_timeout: 2s\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            ["serve", "--config", config, "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
            environment: ["DIXIAN_DATABASE_URL": "postgresql://dixian@/dixian?host=\(work)/no-such-dir"],
            logPath: work + "/daemon.log"
        )
        defer { daemon.kill() }
        let status = await daemon.waitForExit(timeout: .seconds(20))
        #expect(status == 1)
        #expect(daemon.log.contains("无法连接数据库"))
    }
}
