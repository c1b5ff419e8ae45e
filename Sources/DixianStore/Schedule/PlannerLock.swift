import DixianCore
import DixianScheduling
import Logging
import PostgresNIO

/// The planner's singleton lock (DESIGN.md principle 2): a session-level advisory lock held on a
/// dedicated connection, so it lives exactly as long as that connection.
///
/// Dedicated, not pooled: when the server restarts, a pooled connection would go back to the pool
/// (or be awaited there) while the lock is already gone. This one is checked with a short deadline and
/// simply dropped when it stops answering; PostgreSQL releases the lock with the backend.
public struct PlannerLock: Sendable {
    /// "dixian" in ASCII plus 3 (see ``ScheduleStore/plannerLockKey``).
    public static let key = ScheduleStore.plannerLockKey
    /// How long a liveness check may take before the lease counts as lost.
    public static let checkDeadline: Duration = .seconds(5)

    let endpoint: DatabaseEndpoint
    let connectTimeout: Duration
    let logger: Logger

    public init(endpoint: DatabaseEndpoint, connectTimeout: Duration, logger: Logger) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// A held lock.
    public struct Lease: Sendable {
        let connection: PostgresConnection
        let logger: Logger

        /// Whether the lock is still held: its connection answers within ``PlannerLock/checkDeadline``.
        public func isHeld() async -> Bool {
            let connection = self.connection
            let logger = self.logger
            do {
                return try await abandoningAfter(PlannerLock.checkDeadline) {
                    let rows = try await connection.query("SELECT 1", logger: logger)
                    for try await _ in rows {}
                    return true
                }
            } catch {
                return false
            }
        }

        /// Gives the lock up by closing the connection, without waiting for a server that may be gone.
        public func release() {
            let connection = self.connection
            Task { try? await connection.close() }
        }
    }

    /// Connects and tries the lock: a lease when this process is now the leader, nil when another holds it.
    public func tryAcquire() async throws -> Lease? {
        let configuration = try endpoint.connectionConfiguration(connectTimeout: connectTimeout)
        let logger = self.logger
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1_000, logger: logger, givingUpAfter: connectTimeout + PlannerLock.checkDeadline)
        let lease = Lease(connection: connection, logger: logger)
        do {
            let acquired = try await abandoningAfter(PlannerLock.checkDeadline) {
                let rows = try await connection.query("SELECT pg_try_advisory_lock(\(PlannerLock.key))", logger: logger)
                var acquired = false
                for try await value in rows.decode(Bool.self) { acquired = value }
                return acquired
            }
            if acquired { return lease }
            lease.release()
            return nil
        } catch {
            lease.release()
            throw error
        }
    }
}
