import Foundation

/// Prometheus' own tool (`promtool`, Debian's `prometheus` package, which `scripts/test` installs): its linter for
/// the metrics exposition is the independent check of `/metrics`.
public enum Promtool {
    public static let url: URL? = ToolProcess.find("promtool")

    /// `promtool check metrics` over `exposition`: its exit status and what it printed (nothing when clean).
    public static func checkMetrics(_ exposition: String) async throws -> (status: Int32, output: String) {
        let result = try await ToolProcess.run(try tool(), ["check", "metrics"], input: Data(exposition.utf8))
        return (result.status, String(decoding: result.output + result.errors, as: UTF8.self))
    }

    /// `promtool ARGUMENTS…` run in `directory`: its exit status and everything it printed.
    public static func run(_ arguments: [String], in directory: String) async throws -> (status: Int32, output: String) {
        let result = try await ToolProcess.run(try tool(), arguments, input: Data(), directory: directory)
        return (result.status, String(decoding: result.output + result.errors, as: UTF8.self))
    }

    private static func tool() throws -> URL {
        guard let url else { throw ToolProcess.Failure(description: "promtool not found: scripts/test installs the 'prometheus' package") }
        return url
    }
}
