import Logging
import PostgresNIO

extension ScheduleStore {
    /// Runs `body` only if this process becomes the planning leader: the one replica holding the
    /// session-level advisory lock ``plannerLockKey`` (DESIGN.md principle 2). Returns nil at once
    /// when another replica holds it.
    ///
    /// The lock lives on a pooled connection held for the whole of `body`. If this process dies, its
    /// connection closes and PostgreSQL releases the lock, so another replica's next attempt succeeds.
    /// `body` receives `isStillLeader`, which pings that connection: when the database restarted or
    /// the connection broke, the lock is gone and the loop must stop.
    public func withPlannerLeadership<R: Sendable>(
        _ body: (_ isStillLeader: () async -> Bool) async throws -> R
    ) async throws -> R? {
        try await self.client.withStoreConnection(failing: .scheduleFailed, "计划锁获取失败 (planner lock failed)") {
            connection in
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(Self.plannerLockKey))", logger: self.logger)
            var acquired = false
            for try await value in rows.decode(Bool.self) { acquired = value }
            guard acquired else { return nil }
            let logger = self.logger
            let result: R
            do {
                result = try await body {
                    do {
                        try await connection.query("SELECT 1", logger: logger)
                        return true
                    } catch {
                        return false
                    }
                }
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.plannerLockKey))", logger: logger)
                throw error
            }
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.plannerLockKey))", logger: logger)
            return result
        }
    }
}
