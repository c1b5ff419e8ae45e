#if canImport(Glibc)
import Glibc
#endif
import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The daemon owns its embedded PostgreSQL: when the server is killed, the daemon brings it back.
@Suite("Embedded PostgreSQL supervision", .serialized)
struct EmbeddedSupervisionTests {
    @Test("a SIGKILLed embedded server is restarted: 503 in the gap, 200 after, nothing lost")
    func killedServerComesBack() async throws {
        let work = try makeWorkDirectory("supervise")
        let state = work + "/var"
        let daemon = try DaemonProcess(["serve", "--state-dir", state, "--listen", "127.0.0.1:0"], logPath: work + "/daemon.log")
        defer { daemon.kill() }
        let address = try #require(await daemon.httpAddress(timeout: .seconds(120)), "log:\n\(daemon.log)")
        #expect(await poll(timeout: .seconds(300)) { daemon.log.contains("排期完成") }, "log:\n\(daemon.log)")
        let endpoint = try DatabaseURL(parsing: try await CommandResult.run(["db", "url", "--state-dir", state]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)).endpoint(password: nil)
        let before = try await Self.counts(endpoint)
        #expect(before.occurrences > 0)

        // A configuration line PostgreSQL refuses holds the server down after the kill, so the gap can be
        // observed on a loaded machine too (the daemon restarts a healthy server within seconds); appended in
        // place, since the file must stay the server account's.
        let configuration = try FileHandle(forUpdating: URL(fileURLWithPath: state + "/postgres/data/postgresql.conf"))
        let length = try configuration.seekToEnd()
        try configuration.write(contentsOf: Data("\nthis line is not a setting\n".utf8))
        let status = try await CommandResult.run(["db", "status", "--state-dir", state])
        let pid = try #require(status.output.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) })
        #expect(kill(pid, SIGKILL) == 0)
        let down = await poll(timeout: .seconds(60)) { await HTTPProbe.get(address, "/readyz")?.status == 503 }
        #expect(down, "log:\n\(daemon.log)")
        #expect(await HTTPProbe.get(address, "/healthz")?.status == 200)
        try configuration.truncate(atOffset: length)
        try configuration.close()
        let up = await poll(timeout: .seconds(180)) { await HTTPProbe.get(address, "/readyz")?.status == 200 }
        #expect(up, "log:\n\(daemon.log)")
        #expect(daemon.log.contains("内嵌数据库已停止, 正在重启"))
        #expect(daemon.log.contains("内嵌数据库已重启"))
        let restarted = try await CommandResult.run(["db", "status", "--state-dir", state]).output
        #expect(!restarted.contains("pid=\(pid) "), "a new postmaster: \(restarted)")

        let after = try await Self.counts(endpoint)
        #expect(after.occurrences == before.occurrences)
        #expect(after.outbox >= before.outbox)
        #expect(daemon.process.isRunning)
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(60)) == 0, "log:\n\(daemon.log)")
        #expect(processesMentioning(state).isEmpty)
    }

    static func counts(_ endpoint: DatabaseEndpoint) async throws -> (occurrences: Int64, outbox: Int64) {
        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
            let rows = try await client.query(
                "SELECT (SELECT count(*) FROM occurrences), (SELECT count(*) FROM outbox)", logger: TestDatabase.logger)
            for try await (occurrences, outbox) in rows.decode((Int64, Int64).self) { return (occurrences, outbox) }
            return (0, 0)
        }
    }
}
