import Foundation
import Testing

@testable import DixianEmbeddedPostgres

#if canImport(Glibc)
import Glibc
#endif

extension EmbeddedPostgresTests {
    @Test func recoversAfterThePostmasterIsKilled() async throws {
        try await withTemporaryStateDirectory { state in
            let cluster = makeCluster(state)
            #expect(try await cluster.start() == .started)
            let postmaster = try runningPID(cluster)

            // A busy backend survives its postmaster (it only notices the death when it next waits)
            // and keeps the old shared memory attached; the new server cannot start until it is gone.
            let info = cluster.connectionInfo
            let busy = Process()
            busy.executableURL = URL(fileURLWithPath: debianBinDirectory + "/psql")
            busy.arguments = ["-X", "-h", info.socketDirectory, "-U", info.username, "-d", info.database,
                              "-c", "DO $$ BEGIN LOOP END LOOP; END $$"]
            busy.standardOutput = FileHandle.nullDevice
            busy.standardError = FileHandle.nullDevice
            try busy.run()
            defer { if busy.isRunning { busy.terminate() } }

            var orphan: Int32?
            for _ in 0..<100 where orphan == nil {
                orphan = Int32(try await psql(
                    cluster, "SELECT pid FROM pg_stat_activity WHERE query LIKE 'DO $$%' AND pid <> pg_backend_pid()"
                ))
                if orphan == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let backend = try #require(orphan)

            kill(postmaster, SIGKILL)
            for _ in 0..<100 where cluster.status() != .stopped { try await Task.sleep(for: .milliseconds(20)) }
            #expect(cluster.status() == .stopped)
            #expect(FileManager.default.fileExists(atPath: state + "/postgres/data/postmaster.pid"))
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").contains(backend))

            let restarted = makeCluster(state)
            #expect(try await restarted.start() == .recovered)
            let newPostmaster = try runningPID(restarted)
            #expect(newPostmaster != postmaster)
            #expect(!serverProcesses(dataDirectory: state + "/postgres/data").contains(backend))
            #expect(try await psql(restarted, "SELECT 1") == "1")

            cluster.lease.releaseAll()  // the killed "daemon" no longer uses the cluster
            let holders = lockHolders(state + "/postgres/users.lock")
            let outcome = try await restarted.stop()
            #expect(outcome == .stopped, "users.lock before the stop: \(holders); after: \(lockHolders(state + "/postgres/users.lock"))")
            #expect(serverProcesses(dataDirectory: state + "/postgres/data").isEmpty)
        }
    }

    @Test func withRunningClusterStopsOnlyWhatItStarted() async throws {
        try await withTemporaryStateDirectory { state in
            let scoped = makeCluster(state)

            // Started by the call: stopped afterwards.
            let seen = try await scoped.withRunningCluster { connection in
                #expect(FileManager.default.fileExists(atPath: connection.socketPath))
                #expect(connection.database == "dixian")
                return try await psql(scoped, "SELECT current_user")
            }
            #expect(seen == "dixian")
            #expect(scoped.status() == .stopped)

            // Started by the call, body throws: stopped, error passed on.
            await #expect(throws: TestFailure.self) {
                try await scoped.withRunningCluster { _ in throw TestFailure(description: "body failed") }
            }
            #expect(scoped.status() == .stopped)

            // Already running (a daemon): left running.
            let daemon = makeCluster(state)
            #expect(try await daemon.start() == .started)
            let pid = try runningPID(daemon)
            try await scoped.withRunningCluster { _ in #expect(scoped.status() == .running(pid: pid)) }
            #expect(daemon.status() == .running(pid: pid))
            #expect(try await daemon.stop() == .stopped)
        }
    }

    @Test func tooLongSocketPathFailsBeforeTouchingDisk() async throws {
        let state = "/tmp/" + String(repeating: "d", count: 100)
        let error = await #expect(throws: EmbeddedPostgresError.self) { try await makeCluster(state).start() }
        #expect(error?.code == .socketPathTooLong)
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test(.enabled(if: geteuid() == 0, "only root switches to the server account"))
    func missingServerAccountNamesTheFix() async throws {
        try await withTemporaryStateDirectory { state in
            let cluster = EmbeddedPostgres(
                configuration: .init(stateDirectory: state, runAsUser: "dixian-no-such-user", binDirectory: debianBinDirectory),
                logger: testLogger
            )
            let error = await #expect(throws: EmbeddedPostgresError.self) { try await cluster.start() }
            #expect(error?.code == .userNotFound)
            #expect(error?.message.contains("useradd") == true)
            #expect(error?.message.contains("apt-get install postgresql") == true)
        }
    }
}
