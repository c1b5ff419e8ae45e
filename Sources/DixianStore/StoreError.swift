import DixianCore
import PostgresNIO

/// An error of the store, with a stable code and the context an operator needs.
public struct StoreError: Error, Sendable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        public static let unreachable = Code(description: "database_unreachable")
        public static let migrationChanged = Code(description: "migration_changed")
        public static let migrationFailed = Code(description: "migration_failed")
        public static let schemaAhead = Code(description: "schema_ahead")
    }

    public var code: Code
    /// Chinese-first human text; never contains a password.
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }
}

extension StoreError {
    /// A one-line explanation of any error PostgresNIO throws. `PSQLError`'s own description is
    /// deliberately generic (to avoid leaking data), which tells an operator nothing; this keeps
    /// the server's message and SQLSTATE, which never contain credentials.
    public static func explain(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo {
            let message = info[.message] ?? "server error"
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info[.detail].map { ": \($0)" } ?? ""
            return "\(message)\(detail)\(state)"
        }
        if let underlying = psql.underlying {
            return "\(psql.code): \(underlying)"
        }
        return "\(psql.code)"
    }
}
