import DixianCore
import Foundation

/// Loads the plugin set: every `plugins/<id>/plugin.yaml` with the bureau overrides `<overrides dir>/<id>.yaml`.
///
/// Loading is strict and all-or-nothing (plugins/README.md §1, §12): every problem of every file is
/// collected with its `file:line:column`, and one error rejects the whole set, so a reload that fails
/// keeps the running set (DESIGN.md principle 1). Reading files is the only IO; all checks are pure.
///
/// ```swift
/// let set = try PluginLoader.load(pluginsDirectory: configuration.plugins.directory)
/// for duty in set.enabledDuties { … }
/// ```
public enum PluginLoader {
    /// Where bureau overrides live when the daemon runs on its embedded defaults (no configuration file):
    /// relative to the working directory, as in a source checkout. With a configuration file the daemon reads
    /// `plugins.overrides_dir`, by default `plugins.d/` beside the file.
    public static let defaultOverridesDirectory = "config/plugins"

    /// The channel names until the daemon configuration declares its own (`email` and `chat`).
    public static let defaultChannels: Set<String> = ["email", "chat"]

    /// Loads and validates every plugin and override.
    ///
    /// - Parameters:
    ///   - pluginsDirectory: The directory of `<id>/plugin.yaml` folders (configuration key `plugins.dir`).
    ///   - overridesDirectory: The directory of `<id>.yaml` override files; nil or a missing directory means
    ///     no overrides.
    ///   - storedOverrides: The approved overrides kept in PostgreSQL; one whose plugin has an override file
    ///     is not read (the file takes precedence).
    ///   - channels: Channel names the daemon configuration defines; duties may only use these.
    /// - Returns: The set, with its warnings.
    /// - Throws: ``PluginLoadError`` with every error (and the warnings) when anything is wrong.
    public static func load(
        pluginsDirectory: String,
        overridesDirectory: String? = defaultOverridesDirectory,
        storedOverrides: [StoredOverride] = [],
        channels: Set<String> = defaultChannels
    ) throws(PluginLoadError) -> PluginSet {
        let result = validate(
            pluginsDirectory: pluginsDirectory, overridesDirectory: overridesDirectory, storedOverrides: storedOverrides,
            channels: channels)
        guard let set = result.set else {
            throw PluginLoadError(code: result.code, diagnostics: result.diagnostics)
        }
        return set
    }

    /// Like ``load(pluginsDirectory:overridesDirectory:channels:)``, but returns the diagnostics instead of
    /// throwing: for `dixian check` and `dixian plugins validate`, which show warnings on success too.
    public static func validate(
        pluginsDirectory: String,
        overridesDirectory: String? = defaultOverridesDirectory,
        storedOverrides: [StoredOverride] = [],
        channels: Set<String> = defaultChannels
    ) -> PluginValidationResult {
        let diagnostics = DiagnosticCollector()
        let files = PluginFiles(diagnostics: diagnostics)
        guard let folders = files.pluginFolders(in: pluginsDirectory) else {
            return PluginValidationResult(set: nil, diagnostics: diagnostics.diagnostics, code: .directoryUnreadable)
        }
        var plugins: [PluginSource] = []
        for folder in folders {
            guard let file = folder.manifestFile else { continue }
            plugins.append(PluginSource(folder: folder.name, file: file, bytes: files.read(file)))
        }
        var overrides: [OverrideSource] = []
        for file in overridesDirectory.map(files.overrideFiles(in:)) ?? [] {
            guard let bytes = files.read(file.path) else { continue }
            overrides.append(OverrideSource(file: file.path, pluginID: file.pluginID, bytes: bytes))
        }
        let managedOnServer = Set(overrides.map(\.pluginID))
        for stored in storedOverrides where !managedOnServer.contains(stored.pluginID) {
            overrides.append(OverrideSource(
                file: stored.label, pluginID: stored.pluginID, bytes: Data(stored.text.utf8), storedVersion: stored.version))
        }
        return validate(
            plugins: plugins, overrides: overrides, channels: channels, pluginsDirectory: pluginsDirectory,
            diagnostics: diagnostics)
    }

    /// A `plugin.yaml` already read: its folder name, path, and bytes (nil when unreadable, reported).
    struct PluginSource {
        var folder: String
        var file: String
        var bytes: Data?
    }

    /// An override file already read, or a stored override (its label in place of a path).
    struct OverrideSource {
        var file: String
        var pluginID: String
        var bytes: Data
        var storedVersion: Int? = nil
    }

    /// The pure part of loading: parse, cross-check and build from bytes.
    static func validate(
        plugins: [PluginSource],
        overrides: [OverrideSource],
        channels: Set<String>,
        pluginsDirectory: String,
        diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) -> PluginValidationResult {
        var manifests: [PluginManifest] = []
        var unreadable: Set<String> = []
        for plugin in plugins {
            let reader = ManifestReader(diagnostics: diagnostics)
            if let bytes = plugin.bytes,
                let manifest = reader.read(bytes: bytes, file: plugin.file, folder: plugin.folder)
            {
                manifests.append(manifest)
            } else {
                unreadable.insert(plugin.folder)
            }
        }
        let overrideManifests = overrides.compactMap { override in
            OverrideManifest.read(
                bytes: override.bytes, file: override.file, pluginID: override.pluginID, storedVersion: override.storedVersion,
                diagnostics: diagnostics)
        }
        var validator = PluginValidator(
            diagnostics: diagnostics, channels: channels, pluginsDirectory: pluginsDirectory,
            manifests: manifests, overrides: overrideManifests, unreadableFolders: unreadable)
        var set = validator.run()
        let sorted = Self.ordered(diagnostics.diagnostics)
        set.warnings = sorted.filter { $0.severity == .warning }
        let failed = sorted.contains { $0.severity == .error }
        return PluginValidationResult(set: failed ? nil : set, diagnostics: sorted, code: .invalid)
    }

    /// Diagnostics by file, line and column, each once: a problem in `defaults` is found through every
    /// duty that inherits it but is one problem.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { lhs, rhs in
            (lhs.element.location, lhs.offset) < (rhs.element.location, rhs.offset)
        }.map(\.element)
    }
}

/// The outcome of ``PluginLoader/validate(pluginsDirectory:overridesDirectory:channels:)``.
public struct PluginValidationResult: Sendable {
    /// The set, nil when there is any error.
    public var set: PluginSet?
    /// Every error and warning, ordered by file, line and column.
    public var diagnostics: [Diagnostic]
    /// What kind of failure it is when ``set`` is nil.
    public var code: PluginLoadError.Code

    /// The errors.
    public var errors: [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// The warnings.
    public var warnings: [Diagnostic] {
        diagnostics.filter { $0.severity == .warning }
    }
}
