import Foundation

/// The `python3` the tests run their independent counterparts with: the first on `PATH`, the one
/// `scripts/test` installed aiosmtpd, trustme and standardwebhooks into (`python3 -m pip`).
public enum PythonInterpreter {
    public static let url: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
