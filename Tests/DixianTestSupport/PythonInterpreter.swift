import Foundation

/// The `python3` the tests run their independent counterparts with: the first on `PATH`, the one
/// `scripts/test` installed aiosmtpd, trustme and standardwebhooks into (`python3 -m pip`).
public enum PythonInterpreter {
    public static let url: URL? = ToolProcess.find("python3")
}

extension PythonInterpreter {
    /// Runs `script` with `input` on stdin and returns its stdout; a nonzero exit throws with its stderr.
    public static func run(_ script: String, input: Data) async throws -> Data {
        let result = try await run(arguments: ["-c", script], input: input)
        guard result.status == 0 else { throw ToolProcess.Failure(description: String(decoding: result.errors, as: UTF8.self)) }
        return result.output
    }

    /// Runs python3 with `arguments` (a script file and its arguments) and returns its exit status, stdout and
    /// stderr, for callers that judge the status themselves; throws only when python3 is missing.
    public static func run(arguments: [String], input: Data = Data()) async throws -> (status: Int32, output: Data, errors: Data) {
        guard let url else { throw ToolProcess.Failure(description: RequiredTools.missing("python3")) }
        return try await ToolProcess.run(url, arguments, input: input)
    }
}
