import DixianDaemon
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Fresh, isolated databases on the PostgreSQL server the test command started
/// (`scripts/test` exports `DIXIAN_TEST_DATABASE_URL`).
///
/// Each call creates its own database and drops it afterwards, so tests run in parallel without
/// seeing each other's rows. Nothing is mocked: this is the same server the daemon would use.
public enum TestDatabase {
    public static let logger = Logger(label: "dixian.test")

    /// The server's superuser endpoint; fails with instructions when the test command was skipped.
    public static func serverEndpoint() throws -> DatabaseEndpoint {
        guard let text = ProcessInfo.processInfo.environment["DIXIAN_TEST_DATABASE_URL"] else {
            throw TestSupportError("DIXIAN_TEST_DATABASE_URL is not set: run the suite with ./scripts/test")
        }
        return try DatabaseURL(parsing: text).endpoint(password: nil)
    }

    /// Creates a database, hands its endpoint to `body`, drops it afterwards (also on failure).
    public static func withFreshDatabase<R: Sendable>(
        _ body: @escaping @Sendable (DatabaseEndpoint) async throws -> R
    ) async throws -> R {
        var endpoint = try serverEndpoint()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await self.admin(endpoint, "CREATE DATABASE \(name)")
        endpoint.database = name
        do {
            let result = try await body(endpoint)
            try await self.admin(endpoint, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await self.admin(endpoint, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs `body` with a running pool on `endpoint`.
    public static func withClient<R: Sendable>(
        _ endpoint: DatabaseEndpoint,
        maxConnections: Int = 4,
        _ body: @escaping @Sendable (PostgresClient) async throws -> R
    ) async throws -> R {
        // The body may lease before the task group has started run(): PostgresNIO then warns on the background
        // logger and waits. Harmless, but thousands of those lines buried the failures in CI's output.
        var background = self.logger
        background.logLevel = .error
        let client = PostgresClient(
            configuration: try endpoint.clientConfiguration(maxConnections: maxConnections, connectTimeout: .seconds(10)),
            backgroundLogger: background
        )
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// Runs one statement on the server's maintenance database. `sql` holds only names this
    /// type generated itself, never input: CREATE/DROP DATABASE take no bind parameters.
    private static func admin(_ endpoint: DatabaseEndpoint, _ sql: String) async throws {
        var maintenance = endpoint
        maintenance.database = "postgres"
        try await self.withClient(maintenance, maxConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: self.logger)
        }
    }
}

/// A precondition of the test environment that does not hold.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
