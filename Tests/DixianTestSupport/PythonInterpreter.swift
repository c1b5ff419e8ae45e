import Foundation

/// The `python3` the tests run their independent counterparts with: the first on `PATH`, the one
/// `scripts/test` installed aiosmtpd, trustme and standardwebhooks into (`python3 -m pip`).
public enum PythonInterpreter {
    public static let url: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

extension PythonInterpreter {
    /// A script that failed or could not start, with what it wrote to stderr.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `script` with `input` on stdin and returns its stdout; a nonzero exit throws with its stderr.
    /// The input is written from another thread, so a large one cannot deadlock against the output pipe.
    public static func run(_ script: String, input: Data) throws -> Data {
        guard let url else { throw Failure(description: RequiredTools.missing("python3")) }
        let process = Process()
        process.executableURL = url
        process.arguments = ["-c", script]
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
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: String(decoding: errors, as: UTF8.self)) }
        return data
    }
}
