/// A bureau override kept in PostgreSQL (数据库中的覆盖配置): the same YAML document an override file
/// `<overrides dir>/<id>.yaml` holds, as the version the county office approved.
///
/// An override file for the same plugin takes precedence: operators who keep configuration in git keep
/// control of what they manage on the server, and the stored one is then not read at all.
public struct StoredOverride: Sendable, Hashable {
    public var pluginID: String
    public var version: Int
    public var text: String

    public init(pluginID: String, version: Int, text: String) {
        self.pluginID = pluginID
        self.version = version
        self.text = text
    }

    /// How diagnostics name it in place of a file: `数据库覆盖配置 education v3`, so an error reads
    /// `数据库覆盖配置 education v3:4:12: …`, with line and column inside the stored text.
    public var label: String { "数据库覆盖配置 \(pluginID) v\(version)" }
}
