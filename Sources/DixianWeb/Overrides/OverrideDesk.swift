import DixianCore
import DixianDirectory
import DixianPlugins
import DixianStore

/// What the 本部门配置 pages and the override API need of the daemon (DixianDaemon's `StoredOverrideDesk`, made per request
/// from the running configuration): the stored versions, and a text checked exactly as the plugin loader checks it.
public protocol OverrideDesk: Sendable {
    /// The stored versions of every plugin's override.
    var store: PluginOverrideStore { get }
    /// Today in the county's time zone (the preview plans next month).
    var today: CalendarDate { get }
    /// The plugin set with `text` as `pluginID`'s stored override, numbered `version`, beside the other plugins'
    /// approved versions: loaded through the daemon's own loader. Throws ``OverrideRejection`` with every error.
    func candidate(pluginID: String, text: String, version: Int) async throws -> OverrideCandidate
    /// The plugin as this replica runs it, and what it sends: the "current" side of a preview, without loading
    /// anything again. Nil for a plugin the running set does not have.
    func running(pluginID: String) -> OverrideCandidate?
    /// The live replicas and the stored versions each runs.
    func replicas() async throws -> [DaemonInstance.Replica]
}

/// A plugin as it would load under an override text, and what it would send.
public struct OverrideCandidate: Sendable {
    public var plugin: Plugin
    /// SHA-256 of the `plugin.yaml` it was checked against.
    public var pluginHash: String
    /// Next month's reminders of the plugin's duties under this candidate, those `visible` keeps (the simulate
    /// planner, in memory: nothing stored, nothing sent).
    public var preview: @Sendable (
        _ first: CalendarDate, _ last: CalendarDate, _ visible: @escaping @Sendable (DivisionCode, String) -> Bool
    ) async throws -> ReminderPreview

    public init(
        plugin: Plugin, pluginHash: String,
        preview: @escaping @Sendable (CalendarDate, CalendarDate, @escaping @Sendable (DivisionCode, String) -> Bool) async throws -> ReminderPreview
    ) {
        self.plugin = plugin
        self.pluginHash = pluginHash
        self.preview = preview
    }
}

/// An override text the loader refused, with every error located inside it.
public struct OverrideRejection: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// How the diagnostics name the submitted text (``StoredOverride/label``).
    public var label: String

    public init(diagnostics: [Diagnostic], label: String) {
        self.diagnostics = diagnostics
        self.label = label
    }

    /// The errors, those inside the text by place alone.
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Whether an error is inside the submitted text (not in a plugin or another override).
    func isInsideText(_ diagnostic: Diagnostic) -> Bool { diagnostic.file == label }

    /// An error in words for a page: `第 4 行第 12 列：…` inside the text, `file:line:column：…` elsewhere.
    func describe(_ diagnostic: Diagnostic) -> String {
        let place = isInsideText(diagnostic) ? "第 \(diagnostic.line) 行第 \(diagnostic.column) 列" : "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)"
        return place + "：" + diagnostic.message + (diagnostic.hint.map { "（\($0)）" } ?? "")
    }
}
