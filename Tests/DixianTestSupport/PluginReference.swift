import Foundation

/// `scripts/plugin-reference-check.py`, the independent Python reading of the plugin format.
public enum PluginReference {
    /// Checks a plugins directory (and an override file): the exit status (0 accepted, 1 refused, anything else
    /// no answer) and everything the script printed.
    public static func check(_ plugins: String, override: String? = nil) async throws -> (status: Int32, output: String) {
        let arguments = [DixianBinary.packageRoot + "/scripts/plugin-reference-check.py", plugins]
            + (override.map { ["--override", $0] } ?? [])
        let result = try await PythonInterpreter.run(arguments: arguments)
        return (result.status, String(decoding: result.output + result.errors, as: UTF8.self))
    }
}
