import DixianCore

/// A sector plugin (插件) as loaded: its manifest with the bureau override applied.
public struct Plugin: Sendable, Hashable, Identifiable, Encodable {
    /// Plugin id, equal to its folder name; also its sector (行业).
    public var id: String
    /// Chinese name, e.g. `义务教育保障`.
    public var name: String
    /// Content version (SemVer).
    public var version: String
    /// 牵头单位, the first being the principal one.
    public var leadUnits: [String]
    /// 配合/责任单位.
    public var cooperatingUnits: [String]
    /// What the plugin covers.
    public var description: String
    /// The documents it is based on.
    public var sources: [SourceDocument]
    /// Roles this plugin declares (the core catalogue for `governance`).
    public var roles: [Role]
    /// Tunable values, in declaration order, with effective values.
    public var parameters: [Parameter]
    /// Duties, in declaration order, with effective settings.
    public var duties: [Duty]
    /// Message templates.
    public var templates: [MessageTemplate]
    /// Reserved: sector datasets.
    public var datasets: [Dataset]
    /// Reserved: screening rules.
    public var rules: [ScreeningRule]
    /// Rectification campaigns (专项整改) with their phase dates.
    public var campaigns: [Campaign] = []
    /// Whether the plugin is enabled (a bureau override may disable it; its roles stay declared).
    public var isEnabled: Bool
    /// Path of `plugin.yaml`.
    public var file: String
    /// SHA-256 of `plugin.yaml`'s bytes, lowercase hex (what `sha256sum` prints), so the database can
    /// record which version of a plugin generated what.
    public var contentHash: String
    /// Path of the bureau override file, if there is one.
    public var overrideFile: String?
    /// SHA-256 of the override file's bytes, if there is one.
    public var overrideHash: String?
    /// The version of the override stored in PostgreSQL that applies, when there is no override file (a file
    /// takes precedence) and the county office approved one.
    public var overrideVersion: Int? = nil

    /// The parameter named `name`.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The duty with id `id`.
    public func duty(id: String) -> Duty? {
        duties.first { $0.id == id }
    }

    /// The template with id `id`.
    public func template(id: String) -> MessageTemplate? {
        templates.first { $0.id == id }
    }

    /// The duties that produce occurrences (enabled, in an enabled plugin).
    public var enabledDuties: [Duty] {
        duties.filter(\.isEnabled)
    }
}

extension Plugin {
    private enum CodingKeys: String, CodingKey {
        case id, name, version, description, sources, roles, parameters, duties, templates, datasets, rules, campaigns, file
        case leadUnits = "lead_units"
        case cooperatingUnits = "cooperating_units"
        case isEnabled = "enabled"
        case contentHash = "content_hash"
        case overrideFile = "override_file"
        case overrideHash = "override_hash"
        case overrideVersion = "override_version"
    }
}
