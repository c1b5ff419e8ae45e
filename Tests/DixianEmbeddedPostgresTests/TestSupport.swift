import Foundation
import Logging
import Testing

@testable import DixianEmbeddedPostgres

#if canImport(Glibc)
import Glibc
#endif

/// The server programs every test uses (Debian's postgresql-15 on the build machines).
let debianBinDirectory = "/usr/lib/postgresql/15/bin"

var testLogger: Logger {
    var logger = Logger(label: "dixian.embedded-postgres.tests")
    logger.logLevel = .warning
    return logger
}

/// Runs `body` with a fresh state directory under /tmp and, whatever happens, kills every server
/// process of its cluster and deletes it, so a failing test never leaks a postmaster.
func withTemporaryStateDirectory(_ body: (String) async throws -> Void) async throws {
    var template = Array("/tmp/dixian-ep-XXXXXX".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    let directory = String(cString: try #require(created))
    defer {
        let data = directory + "/postgres/data"
        let pids = serverProcesses(dataDirectory: data)
        for pid in pids { kill(pid, SIGKILL) }
        for _ in 0..<100 where !serverProcesses(dataDirectory: data).isEmpty { usleep(20_000) }
        try? FileManager.default.removeItem(atPath: directory)
    }
    try await body(directory)
}

func makeCluster(_ stateDirectory: String, database: String = "dixian") -> EmbeddedPostgres {
    EmbeddedPostgres(
        configuration: .init(stateDirectory: stateDirectory, binDirectory: debianBinDirectory, database: database),
        logger: testLogger
    )
}

/// Live processes whose executable is `postgres` and whose working directory is `dataDirectory`:
/// checked here independently of the module's own `/proc` code.
func serverProcesses(dataDirectory: String) -> [Int32] {
    guard let real = realpath(dataDirectory, nil) else { return [] }
    defer { free(real) }
    let target = String(cString: real)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        let fileManager = FileManager.default
        guard (try? fileManager.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) == target,
              let exe = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
              exe.hasSuffix("/postgres"),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !stat.contains(") Z ")
    }
}

/// Runs psql as the test process's user against the cluster and returns its trimmed output.
func psql(_ cluster: EmbeddedPostgres, _ sql: String, database: String? = nil) async throws -> String {
    let info = cluster.connectionInfo
    let result = try await CommandRunner.execute([
        debianBinDirectory + "/psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
        "-h", info.socketDirectory, "-p", String(info.port), "-U", info.username,
        "-d", database ?? info.database, "-c", sql,
    ])
    guard result.succeeded else { throw TestFailure(description: "psql failed: \(result.output)") }
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

func runningPID(_ cluster: EmbeddedPostgres) throws -> Int32 {
    guard case .running(let pid) = cluster.status() else {
        throw TestFailure(description: "cluster is not running")
    }
    return pid
}

/// Inodes of the sockets process `pid` has open.
func socketInodes(of pid: Int32) -> Set<String> {
    let fdDirectory = "/proc/\(pid)/fd"
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
    return Set(fds.compactMap { fd in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
              target.hasPrefix("socket:[") else { return nil }
        return String(target.dropFirst(8).dropLast())
    })
}

/// Inodes of all listening TCP sockets (IPv4 and IPv6) on the machine.
/// A /proc table read whole: Foundation's `String(contentsOfFile:)` stops after the first page of a
/// file whose size reads as 0, and on a busy machine the socket we look for is further down.
func procFile(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
}

func listeningTCPInodes() -> Set<String> {
    var inodes = Set<String>()
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        guard let text = procFile(table) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            if fields.count > 9, fields[3] == "0A" { inodes.insert(String(fields[9])) }  // 0A = LISTEN
        }
    }
    return inodes
}

/// Inode of the unix socket bound at `path`, from /proc/net/unix.
func unixSocketInode(path: String) -> String? {
    guard let text = procFile("/proc/net/unix") else { return nil }
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: " ")
        // Accepted connections carry the path too; the listening socket has __SO_ACCEPTCON (0x10000) set.
        if fields.count >= 8, fields[7] == path, fields[3] == "00010000" { return String(fields[6]) }
    }
    return nil
}

/// Who holds a flock on `path`, from `/proc/locks`, for the message of a stop that did not stop: the intermittent
/// `.inUseByOthers` (or `.notRunning`) of a loaded CI machine is still unexplained, and the next failure should say
/// which process held the cluster's `users.lock`.
func lockHolders(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "no lock file at \(path)" }
    let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
    var holders: [String] = []
    for line in locks.split(separator: "\n") {
        // `1: FLOCK  ADVISORY  READ  1234 08:01:5678 0 EOF`; waiters (`1: -> FLOCK …`) are skipped.
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[1] == "FLOCK" else { continue }
        let device = fields[5].split(separator: ":")
        guard device.count == 3, UInt64(device[2]) == UInt64(info.st_ino) else { continue }
        let pid = String(fields[4])
        let command = ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "?").replacingOccurrences(of: "\0", with: " ")
        holders.append("pid \(pid) \(fields[3]) (\(command.prefix(120)))")
    }
    return holders.isEmpty ? "no holder" : holders.joined(separator: "; ")
}
