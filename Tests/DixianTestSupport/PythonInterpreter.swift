import Foundation

/// The `python3` the tests run their independent counterparts with: the first on `PATH`, the one
/// `scripts/test` installed aiosmtpd, trustme and standardwebhooks into (`python3 -m pip`).
public enum PythonInterpreter {
    public static let url: URL? = ToolProcess.find("python3")
}

extension PythonInterpreter {
    /// Runs `script` with `input` on stdin and returns its stdout; a nonzero exit throws with its stderr.
    public static func run(_ script: String, input: Data) async throws -> Data {
        guard let url else { throw ToolProcess.Failure(description: RequiredTools.missing("python3")) }
        let result = try await ToolProcess.run(url, ["-c", script], input: input)
        guard result.status == 0 else { throw ToolProcess.Failure(description: String(decoding: result.errors, as: UTF8.self)) }
        return result.output
    }
}
