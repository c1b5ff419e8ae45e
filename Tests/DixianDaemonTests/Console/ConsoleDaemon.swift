#if canImport(Glibc)
import Glibc
#endif
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// A `dixian serve` for the console tests, on a test's database: the shipped plugins, no planner (its first tick
/// would replan the fixture's occurrences), and mail into a maildir of its own when `mail` is set.
struct ConsoleDaemon {
    let daemon: DaemonProcess
    let address: String
    /// The work directory: `dixian.yaml`, `var/`, `mail/`.
    let work: String
    var config: String { work + "/dixian.yaml" }
    var maildir: String { work + "/mail" }

    static func start(_ endpoint: DatabaseEndpoint, name: String, mail: Bool) async throws -> ConsoleDaemon {
        let work = try makeWorkDirectory(name)
        let delivery = mail ? "channels:\n  email:\n    type: maildir\n    dir: \(work)/mail\n" : "notify:\n  enabled: false\n"
        // The whole suite's load on two cores once kept a console step's transaction past the default 4 s, which
        // answered 503 "database timed out"; these tests are about what the console does, not how fast.
        try "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  enabled: false\nhttp:\n  database_timeout: 60s\n\(delivery)"
            .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            ["serve", "--config", work + "/dixian.yaml", "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
            environment: ["DIXIAN_DATABASE_URL": endpoint.description], logPath: work + "/daemon.log")
        guard let address = await daemon.httpAddress(timeout: .seconds(60)) else {
            daemon.kill()
            throw TestSupportError("the daemon did not listen; log:\n\(daemon.log)")
        }
        return ConsoleDaemon(daemon: daemon, address: address, work: work)
    }

    /// SIGTERM, and waits for the exit.
    func stop() async {
        daemon.send(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(60))
    }
}

extension ConsoleDaemon {
    /// Adds a rectification problem of campaign `assessment_feedback`, group 控辍保学专班, at `unit`, through
    /// `dixian ledger add` with this daemon's configuration. Problems are numbered WT00000001, WT00000002, … in turn.
    func addLedgerProblem(unit: String, problem: String, _ endpoint: DatabaseEndpoint) async throws {
        let added = try await CommandResult.run(
            ["ledger", "add", "--campaign", "assessment_feedback", "--group", "控辍保学专班", "--unit", unit, "--lead-unit", "镇教育办",
             "--responsible", "李某", "--problem", problem, "--measure", "逐户劝返", "--deadline", "2026-01-15", "--config", config],
            environment: ["DIXIAN_DATABASE_URL": endpoint.description])
        #expect(added.status == 0, "\(added.errorOutput)")
    }
}
