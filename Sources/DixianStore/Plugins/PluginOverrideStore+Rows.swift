import Foundation
import Logging
import PostgresNIO

extension PluginOverrideStore {
    static let columns = """
        plugin_id, version, body, plugin_hash, state, created_by, created_at, created_channel, decided_by, decided_at, decision_comment
        """

    static func decode(_ rows: PostgresRowSequence) async throws -> [OverrideVersion] {
        var versions: [OverrideVersion] = []
        let types = (String, Int, String, String, String, String, Date, String, String?, Date?, String?).self
        for try await (plugin, version, body, hash, state, by, at, channel, decidedBy, decidedAt, comment) in rows.decode(types) {
            versions.append(OverrideVersion(
                pluginID: plugin, version: version, body: body, pluginHash: hash, state: OverrideVersion.State(rawValue: state) ?? .rejected,
                createdBy: by, createdAt: at, createdChannel: channel, decidedBy: decidedBy, decidedAt: decidedAt, comment: comment))
        }
        return versions
    }

    /// An active official of the county office, or of the plugin's own bureau (its contact or head).
    static func mayWrite(_ official: String, pluginID: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT count(*) FROM officials
             WHERE id = \(official) AND active
               AND ('county_office' = ANY(roles) OR (sector = \(pluginID) AND roles && ARRAY['bureau_contact', 'bureau_head']))
            """, logger: logger)
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }

    static func isCountyOffice(_ official: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT count(*) FROM officials WHERE id = \(official) AND active AND 'county_office' = ANY(roles)", logger: logger)
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }

    func run<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreConnection(failing: .overrideFailed, "覆盖配置查询失败 (override query failed)", body)
    }

    func transaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreTransaction(failing: .overrideFailed, "覆盖配置写入失败 (override write failed)", logger: logger, body)
    }

    func audit(_ action: String, _ version: OverrideVersion, entry: OverrideEntry, details: [String: String], _ connection: PostgresConnection)
        async throws
    {
        var details = details
        details["plugin"] = version.pluginID
        details["version"] = String(version.version)
        try await ScheduleStore.audit(action, nil, actor: entry.actor, channel: entry.channel, at: entry.at, details: details, connection, logger: logger)
    }
}
