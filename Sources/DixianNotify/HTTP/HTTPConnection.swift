import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One keep-alive HTTP/1.1 connection (HTTP 连接) carrying one exchange at a time.
///
/// ``HTTPConnectionPool`` lends it to one caller at a time. Once an exchange fails the channel is closed and
/// ``isActive`` turns false, so the connection is dropped rather than lent again.
final class HTTPConnection: Sendable {
    let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Whether the channel is still open: false after a failure, `Connection: close` or the server hanging up.
    var isActive: Bool { channel.isActive }

    /// Connects to `origin`, with TLS (hostname verified) when it is https; the future completes once a request can
    /// go. A handshake that fails reports its own error (an untrusted certificate, say), not a closed channel.
    ///
    /// A future, not an async function: connecting and the exchange that follows are chained on the event loop, so
    /// that no step waits for a Swift task to be scheduled, which on a busy machine took long enough to eat a
    /// request's whole deadline before it was sent.
    static func connect(
        to origin: HTTPOrigin, tlsContext: NIOSSLContext?, eventLoopGroup: any EventLoopGroup, deadline: NIODeadline
    ) -> EventLoopFuture<HTTPConnection> {
        // Verify against the IP address when the host is one: SNI cannot carry an address.
        let serverHostname = origin.isIPAddress ? nil : origin.host
        let eventLoop = eventLoopGroup.next()
        let ready = eventLoop.makePromise(of: Void.self)
        let connected = ClientBootstrap(group: eventLoop)
            .connectTimeout(max(deadline - .now(), .milliseconds(1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    if let tlsContext {
                        try operations.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                    }
                    try operations.addHTTPClientHandlers()
                    try operations.addHandler(HTTPExchangeHandler(ready: ready, handshakeDeadline: tlsContext == nil ? nil : deadline))
                }
            }
            .connect(host: origin.host, port: origin.port)
        connected.whenFailure { ready.fail($0) }
        return connected.flatMap { channel in
            ready.futureResult.map { HTTPConnection(channel: channel) }.flatMapErrorThrowing { error in
                channel.close(promise: nil)
                throw error
            }
        }
    }

    /// Sends `head` and `body`; the future completes with the whole answer, or fails at the deadline.
    func exchange(_ head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline) -> EventLoopFuture<HTTPAnswer> {
        let answer = channel.eventLoop.makePromise(of: HTTPAnswer.self)
        // A channel closed meanwhile drops the write: its failure must still complete the answer.
        channel.writeAndFlush(HTTPExchange(head: head, body: body, deadline: deadline, answer: answer)).whenFailure {
            answer.fail($0)
        }
        return answer.futureResult
    }

    /// Closes the channel; never fails.
    func close() {
        channel.close(promise: nil)
    }
}
