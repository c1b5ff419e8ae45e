import NIOCore
import NIOHTTP1

/// One request written to an ``HTTPExchangeHandler``, with the promise its answer completes.
struct HTTPExchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer
    /// The exchange fails with ``HTTPExchangeError/Code/timedOut`` and the connection closes at this instant.
    var deadline: NIODeadline
    var answer: EventLoopPromise<HTTPAnswer>
}
