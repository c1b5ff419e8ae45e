import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP GETs against the daemon under test.
public enum HTTPProbe {
    /// The status and body of `GET http://<address><path>`, or nil when nothing answers within `timeout`
    /// seconds. Generous: the tests ask whether the daemon answers, not how fast, and under the whole suite's
    /// load on two cores a 5-second wait once ran out (with 1,000 idle connections open, /healthz took 5.5 s).
    public static func get(_ address: String, _ path: String, timeout: TimeInterval = 30) async -> (status: Int, body: String)? {
        guard let url = URL(string: "http://\(address)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }
}

/// Runs the `dixian` binary to completion (for `check`, `migrate`, `db`).
public struct CommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var errorOutput: String

    /// Runs `dixian <arguments>` to its end; `workingDirectory` nil keeps the test's own.
    ///
    /// The wait happens on a thread of its own: Swift Testing runs the suite's tests on the cooperative pool,
    /// which has one thread per core, and a test blocked there for a command's seconds would stall every
    /// other test (an SMTP server then gives up on a TLS handshake nobody gets round to).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil
    ) async throws -> CommandResult {
        try await offCooperativePool { try runBlocking(arguments, environment: environment, workingDirectory: workingDirectory) }
    }

    /// ``run(_:environment:workingDirectory:)`` for places that cannot wait asynchronously, such as `defer`.
    public static func runBlocking(
        _ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil
    ) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DIXIAN_") && $0.key != "NOTIFY_SOCKET" }
        env.merge(environment) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DixianBinary.path)
        process.arguments = arguments
        process.environment = env
        process.currentDirectoryURL = workingDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let out = Pipe()
        // Standard error goes to a file: with two pipes read one after the other, a command writing more than a
        // pipe's buffer (64 KiB) to standard error before closing standard output would wait forever.
        let errPath = NSTemporaryDirectory() + "dixian-stderr-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: errPath, contents: nil), let err = FileHandle(forWritingAtPath: errPath) else {
            throw TestSupportError("cannot create \(errPath)")
        }
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? err.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return CommandResult(
            status: process.terminationStatus,
            output: String(decoding: outData, as: UTF8.self),
            errorOutput: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// A fresh directory under /tmp that the unprivileged PostgreSQL user can traverse.
public func makeWorkDirectory(_ prefix: String) throws -> String {
    let base = ProcessInfo.processInfo.environment["DIXIAN_TEST_WORK_DIR"] ?? NSTemporaryDirectory()
    let path = base + "/\(prefix)-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    return path
}

/// Processes whose command line mentions `fragment` (e.g. a data directory), from /proc.
public func processesMentioning(_ fragment: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let cmdline = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        return cmdline.contains(fragment)
    }
}
