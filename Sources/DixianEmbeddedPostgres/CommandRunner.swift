import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of one finished helper program.
struct CommandResult: Sendable {
    /// The command as a shell would show it, for error messages.
    var commandLine: String
    var terminationStatus: Int32
    var terminatedBySignal: Bool
    /// Standard output and standard error, interleaved as the program wrote them.
    var output: String

    var succeeded: Bool { !terminatedBySignal && terminationStatus == 0 }

    var exitDescription: String {
        terminatedBySignal ? "killed by signal \(terminationStatus)" : "exit status \(terminationStatus)"
    }

    /// The last `count` non-empty lines of output: enough to see why a step failed.
    func tail(_ count: Int = 20) -> String {
        lastLines(of: output, count: count)
    }
}

func lastLines(of text: String, count: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
}

/// Runs helper programs (initdb, pg_ctl, psql, …) and collects their output.
///
/// Not Foundation's `Process`: on Linux it learns that a child exited when a socket it passes to
/// the child reaches end-of-file, and the postmaster that `pg_ctl start` forks inherits that socket,
/// so `pg_ctl` would seem to run for as long as the server does. Children are instead spawned with
/// `posix_spawn`, every descriptor above stderr closed (see ``Spawner``), and reaped with
/// `waitpid` on a dedicated thread, so no thread of the cooperative pool blocks.
///
/// Output goes to an unlinked temporary file rather than a pipe: a pipe needs a concurrent reader
/// or the child blocks once it is full.
///
/// Cancellation is deliberately not forwarded to the child: every command here is bounded
/// (`pg_ctl -t`, short queries), and a cancelled task must still be able to stop the cluster.
struct CommandRunner: Sendable {
    /// Prepended to commands that must run as the server account (`setpriv …` when root); empty otherwise.
    var serverPrefix: [String]
    /// Environment for every child.
    var environment: [String: String]
    /// Working directory for every child; one the server account can enter, so tools started via
    /// `setpriv` don't warn about being unable to return to root's home.
    var workingDirectory: String?

    /// Runs `executable` directly as the current user.
    func run(_ executable: String, _ arguments: [String]) async throws -> CommandResult {
        try await Self.execute([executable] + arguments, environment: environment, workingDirectory: workingDirectory)
    }

    /// Runs `executable` as the server account (see ``serverPrefix``).
    func runAsServer(_ executable: String, _ arguments: [String]) async throws -> CommandResult {
        try await Self.execute(
            serverPrefix + [executable] + arguments, environment: environment, workingDirectory: workingDirectory
        )
    }

    /// Runs `argv` (an absolute executable path and its arguments) and waits for it to exit.
    static func execute(
        _ argv: [String], environment: [String: String]? = nil, workingDirectory: String? = nil
    ) async throws -> CommandResult {
        let commandLine = argv.map(shellQuoted).joined(separator: " ")
        let outputFD = try makeAnonymousFile()
        defer { close(outputFD) }
        let environment = environment ?? ProcessInfo.processInfo.environment
        let pid: pid_t
        do {
            pid = try Spawner.spawn(
                argv, environment: environment.map { "\($0.key)=\($0.value)" },
                workingDirectory: workingDirectory, output: outputFD
            )
        } catch {
            throw EmbeddedPostgresError(
                code: .commandFailed,
                message: "无法启动程序 \(argv[0])。 (Could not launch \(argv[0]): \(error).)",
                context: [("command", commandLine)]
            )
        }
        let status = await waitForExit(pid)
        return CommandResult(
            commandLine: commandLine,
            terminationStatus: Spawner.exitedNormally(status) ? Spawner.exitCode(status) : Spawner.terminatingSignal(status),
            terminatedBySignal: !Spawner.exitedNormally(status),
            output: readTail(of: outputFD)
        )
    }

    /// Blocks a thread of its own in `waitpid`, never one of the cooperative pool.
    private static func waitForExit(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
            thread.name = "dixian-waitpid-\(pid)"
            thread.start()
        }
    }

    /// An open, already unlinked, close-on-exec temporary file: it vanishes when closed.
    private static func makeAnonymousFile() throws -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/dixian-cmd-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw EmbeddedPostgresError(
                code: .commandFailed,
                message: "无法创建临时文件。 (Could not create a temporary file: errno \(errno).)"
            )
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// Reads at most the last 64 KiB: error messages only need the end.
    private static func readTail(of fd: Int32) -> String {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return "" }
        let size = Int(info.st_size)
        let length = min(size, 64 * 1024)
        var buffer = [UInt8](repeating: 0, count: length)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(size - length)) }
        return String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    }
}

/// Quotes an argument the way a POSIX shell would need it, for readable command lines in errors.
func shellQuoted(_ argument: String) -> String {
    let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
    if safe && !argument.isEmpty { return argument }
    return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
