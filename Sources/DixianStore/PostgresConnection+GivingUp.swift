import DixianCore
import Logging
import PostgresNIO

extension PostgresConnection {
    /// Opens a dedicated connection, but stops waiting after `limit` (``abandoningAfter(_:operation:onAbandoned:)``);
    /// a connection that opens after the caller stopped waiting, or was cancelled, is closed rather than dropped.
    ///
    /// For the connections that live outside the pool (the planner lock, the dispatcher's LISTEN and claims): a
    /// connect to a server that is going away may not react to cancellation, and a dropped PostgresNIO connection
    /// keeps its socket open until the process ends.
    public static func connect(
        configuration: PostgresConnection.Configuration, id: Int, logger: Logger, givingUpAfter limit: Duration
    ) async throws -> PostgresConnection {
        try await abandoningAfter(limit) {
            try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        } onAbandoned: { late in
            try? await late.close()
        }
    }
}
