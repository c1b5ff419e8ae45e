import DixianCore
import Foundation

/// Cross-checks read manifests and overrides (plugins/README.md §12, checks 3–13) and builds the plugin set.
///
/// Pure: all files have been read already. Reports into the collector and returns the set; the caller
/// decides from the collector whether it may be used.
struct PluginValidator {
    let fields: FieldReader
    /// Channel names defined by the daemon configuration.
    let channels: Set<String>
    /// The plugins directory, for errors that belong to no file (`governance` missing).
    let pluginsDirectory: String
    /// Read manifests, by folder name.
    let manifests: [PluginManifest]
    /// Read override files.
    let overrides: [OverrideManifest]
    /// Folders whose `plugin.yaml` exists but could not be parsed: overrides for them are not "unknown".
    let unreadableFolders: Set<String>

    /// The role catalogue, filled by ``checkRoles()``.
    var roles: [String: Role] = [:]
    /// Declaration order of ``roles``.
    var roleOrder: [String] = []

    var diagnostics: DiagnosticCollector { fields.diagnostics }

    init(
        diagnostics: DiagnosticCollector,
        channels: Set<String>,
        pluginsDirectory: String,
        manifests: [PluginManifest],
        overrides: [OverrideManifest],
        unreadableFolders: Set<String>
    ) {
        self.fields = FieldReader(diagnostics: diagnostics)
        self.channels = channels
        self.pluginsDirectory = pluginsDirectory
        // The core catalogue first, so a role declared twice is reported in the plugin that repeats it.
        self.manifests = manifests.sorted { lhs, rhs in
            let (left, right) = (lhs.folder == "governance" ? 0 : 1, rhs.folder == "governance" ? 0 : 1)
            return (left, lhs.folder) < (right, rhs.folder)
        }
        self.overrides = overrides
        self.unreadableFolders = unreadableFolders
    }

    /// Runs every check and builds the set (meaningful only when no error was reported).
    mutating func run() -> PluginSet {
        let known = Set(manifests.map(\.folder)).union(unreadableFolders)
        if !known.contains("governance") {
            fields.error(
                "缺少 governance 插件 (the governance plugin is missing)",
                at: Diagnostic.Location(file: pluginsDirectory),
                hint: "governance 声明核心角色目录 / it declares the core role catalogue")
        }
        checkRoles()
        checkCampaignIDs()
        var overridesByPlugin: [String: OverrideManifest] = [:]
        for override in overrides {
            guard known.contains(override.pluginID) else {
                fields.error(
                    "没有 id 为 '\(override.pluginID)' 的插件 (override for an unknown plugin)",
                    at: Diagnostic.Location(file: override.file),
                    hint: Diagnostic.suggestionHint(
                        for: override.pluginID, among: manifests.map(\.folder), noun: "已加载的插件 / loaded plugins"))
                continue
            }
            overridesByPlugin[override.pluginID] = override
        }
        var plugins: [Plugin] = []
        for manifest in manifests {
            var context = PluginContext(manifest: manifest, override: overridesByPlugin[manifest.folder])
            if let plugin = check(&context) {
                plugins.append(plugin)
            }
        }
        let roleList = roleOrder.compactMap { roles[$0] }
        return PluginSet(plugins: plugins.sorted { $0.id < $1.id }, roles: roleList)
    }
}
