import Foundation

/// The HTTP server's limits (连接限制): how long a client may take to send a request, how long an idle
/// keep-alive connection stays open, and how many connections are served at once.
///
/// The defaults suit a county office's intranet behind an optional reverse proxy: a browser sends its
/// head in milliseconds, so 10 s only cuts off clients that trickle (slowloris); 30 s is plenty for a
/// confirmation form of at most 64 KiB over a poor mobile link.
public struct HTTPServerLimits: Sendable, Hashable {
    /// How long a client may take to send a complete request head (line and headers), counted from the
    /// connection opening or from the first byte of a later request on a kept-alive connection.
    public var headerTimeout: Duration
    /// How long a client may take to send the body, counted from the end of the head.
    public var bodyTimeout: Duration
    /// How long a kept-alive connection may sit idle between requests.
    public var idleTimeout: Duration
    /// Connections served at once; further ones wait in the listen backlog until one closes.
    public var maxConnections: Int

    public init(
        headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 512
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}
