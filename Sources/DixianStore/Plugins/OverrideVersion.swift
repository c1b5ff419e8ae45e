import Foundation

/// One version of a bureau's override of its plugin (覆盖配置版本), as `plugin_overrides` keeps it.
public struct OverrideVersion: Sendable, Hashable, Encodable {
    /// Where a version stands: written and waiting (待审批), live (已生效), refused (已驳回), or replaced by a
    /// later approval (已替换).
    public enum State: String, Sendable, Hashable, Encodable {
        case pending, approved, rejected, superseded

        /// The state as the county office reads it.
        public var title: String {
            switch self {
            case .pending: "待审批"
            case .approved: "已生效"
            case .rejected: "已驳回"
            case .superseded: "已替换"
            }
        }
    }

    public var pluginID: String
    public var version: Int
    /// The override's YAML text, as submitted.
    public var body: String
    /// SHA-256 of the `plugin.yaml` it was checked against.
    public var pluginHash: String
    public var state: State
    public var createdBy: String
    public var createdAt: Date
    public var createdChannel: String
    public var decidedBy: String?
    public var decidedAt: Date?
    public var comment: String?

    enum CodingKeys: String, CodingKey {
        case version, body, state, comment
        case pluginID = "plugin_id"
        case pluginHash = "plugin_hash"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case createdChannel = "created_channel"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
    }
}

/// Who acts on an override, how and when.
public struct OverrideEntry: Sendable, Hashable {
    /// An official's directory id.
    public var actor: String
    /// `cli`, `http` or `console`.
    public var channel: String
    public var at: Date

    public init(actor: String, channel: String, at: Date) {
        self.actor = actor
        self.channel = channel
        self.at = at
    }
}
