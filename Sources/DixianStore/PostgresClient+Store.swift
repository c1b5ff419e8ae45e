import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs `body` on a pooled connection; a PostgreSQL error becomes a ``StoreError`` with `code`,
    /// the Chinese-first `message` and the server's own explanation.
    func withStoreConnection<R: Sendable>(
        failing code: StoreError.Code,
        _ message: String,
        _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        do {
            return try await self.withConnection(body)
        } catch let error as PSQLError {
            throw StoreError(code, "\(message): \(StoreError.explain(error))")
        }
    }

    /// Runs `body` in a transaction. The caller's own errors come back unwrapped (PostgresNIO wraps
    /// them in `PostgresTransactionError`); PostgreSQL errors become a ``StoreError`` saying that
    /// nothing was changed.
    func withStoreTransaction<R: Sendable>(
        failing code: StoreError.Code,
        _ message: String,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        do {
            return try await self.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            let cause = error.closureError ?? error.beginError ?? error.commitError ?? error
            if cause is PSQLError {
                throw StoreError(code, "\(message),未做任何修改 (rolled back): \(StoreError.explain(cause))")
            }
            throw cause
        }
    }
}
