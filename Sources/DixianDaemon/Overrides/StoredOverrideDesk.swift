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

    func candidate(pluginID: String, text: String, version: Int) async throws -> OverrideCandidate {
        try await load(pluginID: pluginID, override: StoredOverride(pluginID: pluginID, version: version, text: text))
    }

    func withoutOverride(pluginID: String) async throws -> OverrideCandidate {
        try await load(pluginID: pluginID, override: nil)
    }

    func replicas() async throws -> [DaemonInstance.Replica] {
        try await DaemonInstance.liveReplicas(client: client, logger: logger)
    }

    /// The running configuration re-read with `override` in place of the plugin's approved version.
    private func load(pluginID: String, override: StoredOverride?) async throws -> OverrideCandidate {
        let others = try await store.approvedOverrides().filter { $0.pluginID != pluginID }
        let running: RunningConfiguration
        do {
            running = try options.loadRunningConfiguration(storedOverrides: others + (override.map { [$0] } ?? []))
        } catch {
            throw OverrideRejection(diagnostics: error.diagnostics)
        }
        guard let plugin = running.plugins.plugin(id: pluginID) else {
            throw OverrideRejection(diagnostics: [])
        }
        let desk = ConsoleDocumentDesk(running: running, sharing: documents)
        return OverrideCandidate(plugin: plugin, pluginHash: plugin.contentHash) { first, last, visible in
            try await desk.reminderPreview(plugin: pluginID, from: first, through: last, visible: visible)
        }
    }
}
