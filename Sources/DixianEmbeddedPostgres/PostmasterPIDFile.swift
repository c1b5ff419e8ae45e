import Foundation

/// The contents of `<data>/postmaster.pid`, which the postmaster writes at start and removes on a
/// clean shutdown. Its presence alone proves nothing after a crash, which is why callers check
/// ``ProcessTable`` before trusting ``pid``.
///
/// Lines (see PostgreSQL's `pidfile.h`): 1 pid, 2 data directory, 3 start time, 4 port,
/// 5 first socket directory, 6 listen address, 7 shared memory key, 8 status.
struct PostmasterPIDFile: Sendable, Equatable {
    var pid: Int32
    /// Where the server put its socket; absent early in startup.
    var socketDirectory: String?

    /// Reads the file; `nil` if it is missing or unreadable. A file whose first line is not a pid
    /// (the postmaster is just writing it) yields pid 0, which is never alive.
    static func read(_ path: String) -> PostmasterPIDFile? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        func line(_ number: Int) -> String? {
            lines.count >= number && !lines[number - 1].isEmpty ? lines[number - 1] : nil
        }
        return PostmasterPIDFile(
            pid: Int32(line(1) ?? "") ?? 0,
            socketDirectory: line(5)
        )
    }
}
