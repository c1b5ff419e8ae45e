import Foundation

/// Prometheus' own tool (`promtool`, Debian's `prometheus` package, which `scripts/test` installs): its linter for
/// the metrics exposition is the independent check of `/metrics`.
public enum Promtool {
    public static let url: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("promtool") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// `promtool check metrics` over `exposition`: its exit status and what it printed (nothing when clean).
    public static func checkMetrics(_ exposition: String) throws -> (status: Int32, output: String) {
        guard let url else { throw PythonInterpreter.Failure(description: "promtool not found: scripts/test installs the 'prometheus' package") }
        let result = try ToolProcess.run(url, ["check", "metrics"], input: Data(exposition.utf8))
        return (result.status, String(decoding: result.output + result.errors, as: UTF8.self))
    }

    /// `promtool ARGUMENTS…` run in `directory`: its exit status and everything it printed.
    public static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        guard let url else { throw PythonInterpreter.Failure(description: "promtool not found: scripts/test installs the 'prometheus' package") }
        let result = try ToolProcess.run(url, arguments, input: Data(), directory: directory)
        return (result.status, String(decoding: result.output + result.errors, as: UTF8.self))
    }
}
