import Foundation
import Logging
import PostgresNIO

extension DaemonInstance {
    /// A live replica as the console lists it (运行实例): where it runs and the stored override versions it loaded.
    public struct Replica: Sendable, Hashable {
        public var hostname: String
        public var pid: Int
        public var lastSeenAt: Date
        /// Plugin id → the stored override version in force there.
        public var overrides: [String: Int]
    }

    /// Records the stored override versions this replica now runs; a change is audited
    /// (`plugin_override_loaded`, with the versions before and after), so every reload that took a version is on
    /// record beside the approval that caused it.
    public func recordOverrides(_ versions: [String: Int], client: PostgresClient, logger: Logger) async throws {
        let json = String(decoding: try JSONEncoder().encode(versions), as: UTF8.self)
        try await client.withStoreTransaction(failing: .overrideFailed, "实例覆盖配置版本写入失败 (replica override versions not recorded)", logger: logger) {
            connection in
            let rows = try await connection.query(
                "SELECT plugin_overrides::text FROM daemon_instances WHERE instance_id = \(self.id) FOR UPDATE", logger: logger)
            var previous = "{}"
            for try await text in rows.decode(String.self) { previous = text }
            let before = (try? JSONDecoder().decode([String: Int].self, from: Data(previous.utf8))) ?? [:]
            guard before != versions else { return }
            try await connection.query(
                "UPDATE daemon_instances SET plugin_overrides = \(json)::jsonb WHERE instance_id = \(self.id)", logger: logger)
            let details = ["hostname": hostname, "pid": String(pid), "instance": id.uuidString, "versions": json, "previous": previous]
            try await ScheduleStore.audit("plugin_override_loaded", nil, actor: "dixian", channel: "reload", at: Date(), details: details,
                                          connection, logger: logger)
        }
    }

    /// The replicas seen in the last two minutes and not stopped, by host and pid.
    public static func liveReplicas(client: PostgresClient, logger: Logger) async throws -> [Replica] {
        try await client.withStoreConnection(failing: .overrideFailed, "实例查询失败 (replica query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT hostname, pid, last_seen_at, plugin_overrides::text FROM daemon_instances
                 WHERE stopped_at IS NULL AND last_seen_at > now() - interval '2 minutes'
                 ORDER BY hostname, pid
                """, logger: logger)
            var replicas: [Replica] = []
            for try await (hostname, pid, seen, overrides) in rows.decode((String, Int, Date, String).self) {
                let versions = (try? JSONDecoder().decode([String: Int].self, from: Data(overrides.utf8))) ?? [:]
                replicas.append(Replica(hostname: hostname, pid: pid, lastSeenAt: seen, overrides: versions))
            }
            return replicas
        }
    }
}
