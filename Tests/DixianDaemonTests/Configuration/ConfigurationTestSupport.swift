import Foundation

/// Files for configuration tests, namespaced so as not to clash with other suites' helpers.
enum ConfigFixtures {
    /// A fresh temporary directory, removed after `body`.
    static func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Writes `text` to `name` in `directory` and returns the path.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The repository's `config/dixian.yaml`, found from this file's path (symlinks resolved, so that a
    /// scratch package linking these tests finds the same file).
    static func shippedConfigPath(filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // Configuration
            .deletingLastPathComponent()  // DixianDaemonTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("config/dixian.yaml").path
    }
}
