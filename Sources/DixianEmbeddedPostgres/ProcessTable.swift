import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Questions about running processes, answered from Linux's `/proc`.
///
/// A server process of a cluster is recognized by two facts together: its executable is named
/// `postgres` and its working directory is the data directory (the postmaster `chdir`s there and
/// its children inherit it). Both are needed: an operator's shell can sit in the data directory,
/// and other clusters run the same executable.
enum ProcessTable {
    /// Whether `pid` is a live process. Zombies count as dead: a killed postmaster whose parent
    /// (often PID 1 in a container) never reaps it still answers `kill(pid, 0)`.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            // Field 3, after "pid (comm) ", is the state; comm may itself contain spaces or ')'.
            let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
            return state != "Z" && state != "X"
        }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether `pid` is a live server process of the cluster in `dataDirectory`.
    static func isServerProcess(_ pid: Int32, dataDirectory: String) -> Bool {
        guard isAlive(pid), let real = realPath(dataDirectory) else { return false }
        return workingDirectory(of: pid) == real && isPostgresExecutable(pid)
    }

    /// All live server processes of the cluster in `dataDirectory` (postmaster and backends).
    static func serverProcesses(dataDirectory: String) -> [Int32] {
        guard let real = realPath(dataDirectory),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap(Int32.init).filter { pid in
            pid != getpid() && workingDirectory(of: pid) == real && isPostgresExecutable(pid) && isAlive(pid)
        }.sorted()
    }

    /// Ends the given processes: SIGQUIT (PostgreSQL's "exit now"), then SIGKILL for any still
    /// alive after `grace`. Returns once all are gone or after a further second.
    static func terminate(_ pids: [Int32], grace: Duration = .seconds(3)) async {
        for pid in pids { kill(pid, SIGQUIT) }
        if await waitUntilGone(pids, timeout: grace) { return }
        for pid in pids where isAlive(pid) { kill(pid, SIGKILL) }
        _ = await waitUntilGone(pids, timeout: .seconds(1))
    }

    static func waitUntilGone(_ pids: [Int32], timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while pids.contains(where: isAlive) {
            guard ContinuousClock.now < deadline else { return false }
            await sleepIgnoringCancellation(.milliseconds(50))
        }
        return true
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func workingDirectory(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
    }

    private static func isPostgresExecutable(_ pid: Int32) -> Bool {
        // After a package upgrade the running binary shows as "/…/postgres (deleted)".
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") {
            let name = exe.hasSuffix(" (deleted)") ? String(exe.dropLast(10)) : exe
            return (name as NSString).lastPathComponent == "postgres"
        }
        return false
    }
}
