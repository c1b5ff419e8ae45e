import Foundation
import Testing

@testable import DixianEmbeddedPostgres

#if canImport(Glibc)
import Glibc
#endif

/// Tests against real PostgreSQL servers. Serialized: each test runs its own cluster, and on two
/// cores parallel initdb runs only make every start slower and timing-sensitive.
@Suite("Embedded cluster", .serialized)
struct EmbeddedPostgresTests {
    @Test func firstStartInitializesAndListensOnlyOnTheSocket() async throws {
        try await withTemporaryStateDirectory { state in
            let cluster = makeCluster(state)
            #expect(try await cluster.stop() == .notRunning)

            #expect(try await cluster.start() == .started)
            let pid = try runningPID(cluster)
            #expect(FileManager.default.fileExists(atPath: state + "/postgres/data/PG_VERSION"))
            #expect(cluster.socketPath == state + "/postgres/run/.s.PGSQL.5432")
            #expect(FileManager.default.fileExists(atPath: cluster.socketPath))
            #expect(FileManager.default.fileExists(atPath: state + "/postgres/log/server.log"))

            // No TCP: the setting, and the kernel's view of the postmaster's sockets.
            #expect(try await psql(cluster, "SHOW listen_addresses") == "")
            let sockets = socketInodes(of: pid)
            #expect(sockets.contains(try #require(unixSocketInode(path: cluster.socketPath))))
            #expect(sockets.isDisjoint(with: listeningTCPInodes()))

            // The socket directory is the security boundary of trust authentication.
            let attributes = try FileManager.default.attributesOfItem(atPath: cluster.socketDirectory)
            #expect((attributes[.posixPermissions] as? Int) == 0o700)

            #expect(try await psql(cluster, "SELECT current_database()") == "dixian")
            #expect(try await psql(cluster, "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'dixian'") == "UTF8")

            if geteuid() == 0 {
                // Run as root: the server must run as the unprivileged account.
                let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
                let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
                let postgresUID = try #require(getpwnam("postgres")).pointee.pw_uid
                #expect(uidLine?.split(separator: "\t").dropFirst().first == Substring(String(postgresUID)))
            }

            #expect(try await cluster.stop() == .stopped)
            #expect(cluster.status() == .stopped)
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").isEmpty)
            #expect(!FileManager.default.fileExists(atPath: cluster.socketPath))
        }
    }

    @Test func restartReusesDataAndQuotesDatabaseNames() async throws {
        try await withTemporaryStateDirectory { state in
            let name = "县 \"lintan\" db's"
            let cluster = makeCluster(state, database: name)
            #expect(try await cluster.start() == .started)
            _ = try await psql(cluster, "CREATE TABLE marker (value text); INSERT INTO marker VALUES ('kept')")
            #expect(try await cluster.stop() == .stopped)

            #expect(try await cluster.start() == .started)
            #expect(try await psql(cluster, "SELECT value FROM marker") == "kept")
            #expect(try await psql(cluster, "SELECT count(*) FROM pg_database WHERE datname = current_database()") == "1")
            let holders = lockHolders(state + "/postgres/users.lock")
            let outcome = try await cluster.stop()
            #expect(outcome == .stopped, "users.lock before the stop: \(holders); after: \(lockHolders(state + "/postgres/users.lock"))")
        }
    }

    @Test func secondValueAdoptsTheRunningServer() async throws {
        try await withTemporaryStateDirectory { state in
            let daemon = makeCluster(state)
            let command = makeCluster(state)
            #expect(try await daemon.start() == .started)
            let pid = try runningPID(daemon)

            #expect(try await command.start() == .alreadyRunning)
            #expect(command.status() == .running(pid: pid))

            // The daemon still uses the cluster, so the command must not stop it.
            #expect(try await command.stop() == .inUseByOthers)
            #expect(daemon.status() == .running(pid: pid))
            #expect(try await psql(daemon, "SELECT 1") == "1")

            #expect(try await daemon.stop() == .stopped)
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").isEmpty)
        }
    }

    @Test func adoptsServerLeftByACrashedDaemon() async throws {
        try await withTemporaryStateDirectory { state in
            let crashed = makeCluster(state)
            #expect(try await crashed.start() == .started)
            let pid = try runningPID(crashed)
            crashed.lease.releaseAll()  // what the kernel does with the flock when the daemon dies

            let restarted = makeCluster(state)
            #expect(try await restarted.start() == .alreadyRunning)
            #expect(restarted.status() == .running(pid: pid))
            #expect(try await restarted.stop() == .stopped)
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").isEmpty)
        }
    }

    @Test func concurrentStartsInitializeOnce() async throws {
        try await withTemporaryStateDirectory { state in
            let first = makeCluster(state)
            let second = makeCluster(state)
            async let a = first.start()
            async let b = second.start()
            let outcomes = try await [a, b]
            #expect(outcomes.filter { $0 == .started }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyRunning }.count == 1)
            #expect(first.status() == second.status())

            let stops = [try await first.stop(), try await second.stop()]
            #expect(stops == [.inUseByOthers, .stopped])
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").isEmpty)
        }
    }
}
