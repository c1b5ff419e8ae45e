import DixianCore

/// Every plugin of one load, with the global role catalogue: the unit a reload swaps atomically.
public struct PluginSet: Sendable, Hashable {
    /// The plugins, ordered by id.
    public var plugins: [Plugin]
    /// Every declared role: the core catalogue first, then plugin roles by plugin id.
    public var roles: [Role]
    /// Problems that did not stop loading (plugins/README.md §12), for `dixian check` to show.
    public var warnings: [Diagnostic]

    /// Creates a set.
    public init(plugins: [Plugin], roles: [Role], warnings: [Diagnostic] = []) {
        self.plugins = plugins
        self.roles = roles
        self.warnings = warnings
    }

    /// The plugin with id `id`.
    public func plugin(id: String) -> Plugin? {
        plugins.first { $0.id == id }
    }

    /// The role with id `id`.
    public func role(id: String) -> Role? {
        roles.first { $0.id == id }
    }

    /// The duty named `<plugin id>.<duty id>`.
    public func duty(qualifiedID: String) -> Duty? {
        let parts = qualifiedID.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return plugin(id: parts[0])?.duty(id: parts[1])
    }

    /// The screening rule named `<plugin id>.<rule id>` (an alert's or a sector signal's).
    public func rule(qualifiedID: String) -> ScreeningRule? {
        let parts = qualifiedID.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return plugin(id: parts[0])?.rules.first { $0.id == parts[1] }
    }

    /// Every declared campaign, plugin by plugin.
    public var campaigns: [Campaign] {
        plugins.flatMap(\.campaigns)
    }

    /// The campaign with id `id`.
    public func campaign(id: String) -> Campaign? {
        campaigns.first { $0.id == id }
    }

    /// Every duty that produces occurrences, plugin by plugin.
    public var enabledDuties: [Duty] {
        plugins.flatMap(\.enabledDuties)
    }

    /// A one-line summary, e.g. `插件 7 个 (plugins), 任务 60 个 (duties, 56 enabled), 角色 22 个 (roles)`.
    public func summary() -> String {
        let duties = plugins.reduce(0) { $0 + $1.duties.count }
        return "插件 \(plugins.count) 个 (plugins) · 任务 \(duties) 个，启用 \(enabledDuties.count) 个 (duties, enabled)"
            + " · 角色 \(roles.count) 个 (roles)"
    }
}
