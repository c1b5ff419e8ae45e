import DixianCore
import Logging
import PostgresNIO

/// Checks that the database answers, on a direct connection with its own deadline.
///
/// The pool alone would wait about 67 s on an unreachable server before failing and would then
/// report only a timeout; the probe reports the real cause (refused, authentication, TLS) quickly.
public struct DatabaseProbe: Sendable {
    public var endpoint: DatabaseEndpoint
    public var timeout: Duration

    public init(endpoint: DatabaseEndpoint, timeout: Duration) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    /// Connects once, runs `SELECT 1` and returns the server version.
    public func check(logger: Logger) async throws -> String {
        let configuration = try self.endpoint.connectionConfiguration(connectTimeout: self.timeout)
        return try await withTimeout(self.timeout) {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger
            )
            do {
                let rows = try await connection.query("SHOW server_version", logger: logger)
                var version = "unknown"
                for try await (value) in rows.decode(String.self) { version = value }
                try await connection.close()
                return version
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    /// Retries ``check(logger:)`` until it succeeds or `total` has passed; used at start-up,
    /// where a server that is still starting should not fail the daemon.
    public func waitUntilReachable(total: Duration, logger: Logger) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: total)
        var delay = Duration.milliseconds(200)
        while true {
            do {
                return try await self.check(logger: logger)
            } catch {
                if clock.now.advanced(by: delay) >= deadline {
                    throw StoreError(
                        .unreachable,
                        "无法连接数据库 (database unreachable): \(StoreError.explain(error))",
                        context: ["database": self.endpoint.description]
                    )
                }
                logger.debug("database not reachable yet", metadata: ["error": "\(StoreError.explain(error))"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(2))
            }
        }
    }
}
