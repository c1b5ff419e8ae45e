import Foundation
import Logging

extension ClusterContext {
    /// What is left of the server, judged from `postmaster.pid` and `/proc`.
    enum ServerState: Sendable {
        /// A live postmaster of this data directory.
        case running(PostmasterPIDFile)
        /// The postmaster is gone but left its pid file, or server processes survived it.
        case crashed(PostmasterPIDFile?, orphans: [Int32])
        /// Nothing left behind.
        case stopped
    }

    func inspect() -> ServerState {
        let pidFile = PostmasterPIDFile.read(layout.pidFile)
        if let pidFile, ProcessTable.isServerProcess(pidFile.pid, dataDirectory: layout.dataDirectory) {
            return .running(pidFile)
        }
        let orphans = ProcessTable.serverProcesses(dataDirectory: layout.dataDirectory)
        if pidFile == nil && orphans.isEmpty { return .stopped }
        return .crashed(pidFile, orphans: orphans)
    }

    /// Clears what a crashed postmaster left so the next start succeeds.
    ///
    /// Backends outlive a killed postmaster while busy (they notice its death only when they next
    /// wait), and as long as any is attached to the old shared memory the new postmaster refuses to
    /// start ("pre-existing shared memory block is still in use"). They are ended first. The pid
    /// file and socket lock are removed because PostgreSQL would refuse to start if the dead
    /// postmaster's pid had been reused by an unrelated process; once no server process of this
    /// data directory exists, removing them is safe (and we hold the cluster lock).
    func cleanUpAfterCrash(pidFile: PostmasterPIDFile?, orphans: [Int32]) async throws {
        logger.warning(
            "Embedded PostgreSQL was not shut down cleanly; recovering",
            metadata: [
                "postgres.stale_pid": "\(pidFile.map { String($0.pid) } ?? "none")",
                "postgres.orphans": "\(orphans.map(String.init).joined(separator: ","))",
            ]
        )
        if !orphans.isEmpty {
            await ProcessTable.terminate(orphans)
            let survivors = ProcessTable.serverProcesses(dataDirectory: layout.dataDirectory)
            guard survivors.isEmpty else {
                throw EmbeddedPostgresError(
                    code: .startFailed,
                    message: """
                        无法结束上次崩溃遗留的 PostgreSQL 进程:\(survivors.map(String.init).joined(separator: ", "))。 \
                        (Could not end PostgreSQL processes left by a crash.)
                        """
                )
            }
        }
        for path in [layout.pidFile, layout.socketPath + ".lock", layout.socketPath] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
