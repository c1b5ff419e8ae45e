import Foundation

/// Runs one of the independent tools the tests check against (python3, promtool) with input on stdin.
public enum ToolProcess {
    /// A tool that is missing, or failed, with what it wrote to stderr.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first executable `name` on `PATH`, nil when there is none.
    public static func find(_ name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The tool's exit status, stdout and stderr. The input is written from another thread, so a large one cannot
    /// deadlock against a full output pipe; the wait happens off the cooperative pool (see ``offCooperativePool(_:)``).
    public static func run(
        _ url: URL, _ arguments: [String], input: Data, directory: String? = nil
    ) async throws -> (status: Int32, output: Data, errors: Data) {
        try await offCooperativePool { try runBlocking(url, arguments, input: input, directory: directory) }
    }

    private static func runBlocking(
        _ url: URL, _ arguments: [String], input: Data, directory: String?
    ) throws -> (status: Int32, output: Data, errors: Data) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        // stderr is drained beside stdout, so neither pipe fills while the other is read.
        let errors = ErrorsBox()
        let errorsRead = DispatchSemaphore(value: 0)
        Thread {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        return (process.terminationStatus, output, errors.data)
    }
}

private final class ErrorsBox: @unchecked Sendable {
    var data = Data()
}
