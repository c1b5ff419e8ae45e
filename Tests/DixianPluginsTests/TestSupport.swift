import DixianCore
import Foundation

@testable import DixianPlugins

/// The repository root, found from this file's path (Tests/DixianPluginsTests/TestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The shipped plugins directory.
let shippedPlugins = repositoryRoot + "/plugins"

/// A copy of the shipped plugin tree in a fresh temporary directory, with an overrides directory beside it,
/// for tests that break one line. Removed when the fixture is deinitialized.
final class PluginFixture {
    let root: String
    var plugins: String { root + "/plugins" }
    var overrides: String { root + "/overrides" }

    init() throws {
        root =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("dixian-plugins-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: overrides, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: shippedPlugins, toPath: plugins)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The path of `<id>/plugin.yaml`.
    func manifest(_ id: String) -> String {
        "\(plugins)/\(id)/plugin.yaml"
    }

    /// The 1-based line number of the first line of `id`'s plugin.yaml containing `needle`.
    func line(of needle: String, in id: String) throws -> Int {
        let lines = try String(contentsOfFile: manifest(id), encoding: .utf8).components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            throw FixtureError(message: "'\(needle)' not in \(id)/plugin.yaml")
        }
        return index + 1
    }

    /// Replaces the first occurrence of `old` in `id`'s plugin.yaml with `new`; returns its 1-based line.
    @discardableResult
    func replace(_ old: String, with new: String, in id: String) throws -> Int {
        let path = manifest(id)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else { throw FixtureError(message: "'\(old)' not in \(id)") }
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return line
    }

    /// Writes an override file `<id>.yaml`.
    func writeOverride(_ id: String, _ text: String) throws {
        try text.write(toFile: "\(overrides)/\(id).yaml", atomically: true, encoding: .utf8)
    }

    /// Validates the fixture tree with its overrides.
    func validate(channels: Set<String> = PluginLoader.defaultChannels) -> PluginValidationResult {
        PluginLoader.validate(pluginsDirectory: plugins, overridesDirectory: overrides, channels: channels)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension PluginValidationResult {
    /// `file:line:column` of each error, the file relative to `root`.
    func errorPositions(relativeTo root: String) -> [String] {
        errors.map { diagnostic in
            let file =
                diagnostic.file.hasPrefix(root + "/")
                ? String(diagnostic.file.dropFirst(root.count + 1)) : diagnostic.file
            return "\(file):\(diagnostic.line):\(diagnostic.column)"
        }
    }
}
