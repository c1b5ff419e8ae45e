/// Why an HTTP exchange produced no answer (HTTP 交换失败), beyond the socket's and TLS's own errors.
public struct HTTPExchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The whole exchange (connecting, TLS, sending, reading) outlived its deadline.
        case timedOut = "timed_out"
        /// The server closed the connection before its answer was complete.
        case connectionClosed = "connection_closed"
        /// The pool was shut down.
        case shutDown = "shut_down"
        /// A second request was written to a connection still busy with one; a bug, never the server's doing.
        case busy
    }

    public var code: Code
    public var context: [String: String]

    public init(_ code: Code, context: [String: String] = [:]) {
        self.code = code
        self.context = context
    }

    public var description: String {
        context.isEmpty ? code.rawValue : "\(code.rawValue) \(context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
    }
}
