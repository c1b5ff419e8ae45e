import DixianCore
import DixianPlugins
import DixianStore
import DixianWeb
import Foundation
import Logging
import PostgresNIO

/// The console's 本部门配置 desk: a submitted override is loaded by the same loader as SIGHUP and an approval, and
/// its reminders planned by the same planner as `dixian simulate`.
struct StoredOverrideDesk: OverrideDesk {
    let store: PluginOverrideStore
    let options: DaemonOptions
    let client: PostgresClient
    let logger: Logger
    let documents: ConsoleDocumentDesk

    init(client: PostgresClient, options: DaemonOptions, running: RunningConfiguration, directory: DirectoryCache, logger: Logger) {
        store = PluginOverrideStore(client: client, logger: logger)
        self.options = options
        self.client = client
        self.logger = logger
        documents = ConsoleDocumentDesk(client: client, running: running, directory: directory, logger: logger, clock: options.clock)
    }

    var today: CalendarDate { documents.today }

    /// The running configuration re-read with `text` in place of the plugin's approved version.
    func candidate(pluginID: String, text: String, version: Int) async throws -> OverrideCandidate {
        let override = StoredOverride(pluginID: pluginID, version: version, text: text)
        let others = try await store.approvedOverrides().filter { $0.pluginID != pluginID }
        let running: RunningConfiguration
        do {
            running = try options.loadRunningConfiguration(storedOverrides: others + [override])
        } catch {
            throw OverrideRejection(diagnostics: error.diagnostics, label: override.label)
        }
        guard let candidate = Self.candidate(pluginID, in: ConsoleDocumentDesk(running: running, sharing: documents)) else {
            throw OverrideRejection(diagnostics: [], label: override.label)
        }
        return candidate
    }

    func running(pluginID: String) -> OverrideCandidate? {
        Self.candidate(pluginID, in: documents)
    }

    func replicas() async throws -> [DaemonInstance.Replica] {
        try await DaemonInstance.liveReplicas(client: client, logger: logger)
    }

    /// The plugin under `desk`'s configuration, previewed by that desk.
    private static func candidate(_ pluginID: String, in desk: ConsoleDocumentDesk) -> OverrideCandidate? {
        guard let plugin = desk.running.plugins.plugin(id: pluginID) else { return nil }
        return OverrideCandidate(plugin: plugin, pluginHash: plugin.contentHash) { first, last, visible in
            try await desk.reminderPreview(plugin: pluginID, from: first, through: last, visible: visible)
        }
    }
}
