import DixianPlugins
import DixianStore

extension PluginOverrideStore {
    /// The approved version of every plugin that has one, as the plugin loader takes them.
    public func approvedOverrides() async throws -> [StoredOverride] {
        try await approved().map { StoredOverride(pluginID: $0.pluginID, version: $0.version, text: $0.body) }
    }
}
