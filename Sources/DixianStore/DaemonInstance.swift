import Foundation
import Logging
import PostgresNIO

/// This daemon replica's row in `daemon_instances` (运行实例): who is alive, since when.
public struct DaemonInstance: Sendable {
    public let id: UUID
    public let hostname: String
    public let pid: Int32
    public let version: String

    public init(id: UUID = UUID(), version: String) {
        self.id = id
        self.hostname = ProcessInfo.processInfo.hostName
        self.pid = ProcessInfo.processInfo.processIdentifier
        self.version = version
    }

    public func register(client: PostgresClient, logger: Logger) async throws {
        try await client.query(
            """
            INSERT INTO daemon_instances (instance_id, hostname, pid, version)
            VALUES (\(self.id), \(self.hostname), \(Int(self.pid)), \(self.version))
            ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = now(), stopped_at = NULL
            """,
            logger: logger
        )
    }

    public func heartbeat(client: PostgresClient, logger: Logger) async throws {
        try await client.query(
            "UPDATE daemon_instances SET last_seen_at = now() WHERE instance_id = \(self.id)",
            logger: logger
        )
    }

    public func markStopped(client: PostgresClient, logger: Logger) async throws {
        try await client.query(
            "UPDATE daemon_instances SET stopped_at = now() WHERE instance_id = \(self.id)",
            logger: logger
        )
    }
}
