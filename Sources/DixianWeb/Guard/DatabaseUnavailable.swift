/// The database could not answer a request in time, or is known to be down (数据库不可用): answered 503
/// with `Retry-After`, its details logged under ``errorID``.
public struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    /// Stable reasons, safe to match on.
    public enum Code: String, Sendable {
        /// The readiness monitor marks the database down: refused without trying.
        case markedDown = "database_down"
        /// The query did not finish within the request deadline.
        case timedOut = "database_timeout"
        /// The query failed (connection lost, server error).
        case failed = "database_failed"
    }

    public var code: Code
    public var errorID: ErrorID
    /// What was logged; never shown to the client.
    public var context: [String: String]

    public init(_ code: Code, errorID: ErrorID = ErrorID(), context: [String: String] = [:]) {
        self.code = code
        self.errorID = errorID
        self.context = context
    }

    public var description: String {
        "\(self.code.rawValue) [\(self.errorID)] \(self.context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
    }
}
