import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 channel with ``RequestDeadlineHandler`` first in each connection's pipeline.
struct DeadlineHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let limits: HTTPServerLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let limits = self.limits
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(
                RequestDeadlineHandler(headerTimeout: limits.headerTimeout, bodyTimeout: limits.bodyTimeout), position: .first)
        }.flatMap {
            self.inner.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await self.inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerLimits {
    /// The server Hummingbird's `Application` runs: HTTP/1.1 with these deadlines and idle timeout.
    public var serverBuilder: HTTPServerBuilder {
        let limits = self
        return HTTPServerBuilder { responder in
            DeadlineHTTP1Channel(
                inner: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout))),
                limits: limits)
        }
    }

    /// Refuses to accept more than ``maxConnections`` at once (the rest wait in the kernel's backlog).
    public func connectionLimit(logger: Logger) -> any AvailableConnectionsDelegate {
        MaximumAvailableConnections(self.maxConnections, logger: logger)
    }
}
