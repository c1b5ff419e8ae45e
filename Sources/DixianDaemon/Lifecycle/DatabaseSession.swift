import DixianStore
import Logging
import PostgresNIO

/// A scoped database for one CLI command: resolves the database like the daemon does, starts
/// the embedded cluster only if nobody runs it (and stops it again afterwards), checks that it
/// answers, and lends a running ``PostgresClient`` to `body`.
public enum DatabaseSession {
    public static func withClient<R: Sendable>(
        configuration: Configuration,
        logger: Logger,
        _ body: @escaping @Sendable (PostgresClient, DatabaseEndpoint) async throws -> R
    ) async throws -> R {
        let choice = DatabaseResolver(configuration: configuration, logger: logger).choose()
        switch choice {
        case .external(let endpoint):
            return try await Self.withClient(endpoint, configuration: configuration, logger: logger, body)
        case .embedded(let cluster, let endpoint):
            return try await cluster.withRunningCluster { _ in
                try await Self.withClient(endpoint, configuration: configuration, logger: logger, body)
            }
        }
    }

    private static func withClient<R: Sendable>(
        _ endpoint: DatabaseEndpoint,
        configuration: Configuration,
        logger: Logger,
        _ body: @escaping @Sendable (PostgresClient, DatabaseEndpoint) async throws -> R
    ) async throws -> R {
        let timeout = configuration.database.connectTimeout
        _ = try await DatabaseProbe(endpoint: endpoint, timeout: timeout)
            .waitUntilReachable(total: timeout, logger: logger)
        // The pool warns when a lease races its own start-up (`run()` is started just above); for a
        // one-shot command that is noise on every run. Errors still reach the command as thrown errors.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let client = PostgresClient(
            configuration: try endpoint.clientConfiguration(maxConnections: 2, connectTimeout: timeout),
            backgroundLogger: poolLogger
        )
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client, endpoint)
        }
    }
}
