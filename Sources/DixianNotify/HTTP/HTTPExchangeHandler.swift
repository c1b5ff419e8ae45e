import NIOCore
import NIOHTTP1
import NIOTLS

/// Turns an ``HTTPExchange`` into request parts and the response parts back into its ``HTTPAnswer``; one
/// exchange at a time, each under its deadline.
///
/// It sits last in a pipeline after NIOHTTP1's client handlers (and NIOSSL's, for https). Whatever ends the
/// connection while an exchange waits (an error, the server hanging up, the deadline) fails that exchange
/// and closes the channel, so a pool never lends a connection in an unknown state.
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    /// Completed once the connection can carry a request: connected, and for https with the handshake
    /// done; failed with the error that ended it before (an untrusted certificate, say).
    private let ready: EventLoopPromise<Void>
    /// For https: the handshake must be done by then, or the connection fails as timed out.
    private let handshakeDeadline: NIODeadline?
    private var handshakeTimer: Scheduled<Void>?
    private var pending: EventLoopPromise<HTTPAnswer>?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var timer: Scheduled<Void>?

    init(ready: EventLoopPromise<Void>, handshakeDeadline: NIODeadline?) {
        self.ready = ready
        self.handshakeDeadline = handshakeDeadline
    }

    func channelActive(context: ChannelHandlerContext) {
        if let handshakeDeadline {
            handshakeTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: handshakeDeadline) {
                self.fail(HTTPExchangeError(.timedOut), context: context)
            }
        } else {
            ready.succeed()
        }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            handshakeTimer?.cancel()
            handshakeTimer = nil
            ready.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil, context.channel.isActive else {
            let error = HTTPExchangeError(pending == nil ? .connectionClosed : .busy)
            exchange.answer.fail(error)
            promise?.fail(error)
            return
        }
        pending = exchange.answer
        head = nil
        body = []
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: exchange.deadline) {
            self.fail(HTTPExchangeError(.timedOut), context: context)
        }
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            // An interim answer (100 Continue, 103 Early Hints) precedes the real one.
            guard responseHead.status.code >= 200 else { return }
            head = responseHead
        case .body(var chunk):
            let room = HTTPAnswer.bodyLimit - body.count
            if room > 0, let bytes = chunk.readBytes(length: min(room, chunk.readableBytes)) { body += bytes }
        case .end:
            guard let promise = pending, let head else { return }
            timer?.cancel()
            timer = nil
            pending = nil
            let answer = HTTPAnswer(status: Int(head.status.code), headers: head.headers, body: body, keepAlive: head.isKeepAlive)
            body = []
            self.head = nil
            if !answer.keepAlive { context.close(promise: nil) }
            promise.succeed(answer)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HTTPExchangeError(.connectionClosed), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    /// Fails the waiting exchange, if any, and closes the connection: after an error or a missed deadline
    /// the stream's position is unknown.
    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        ready.fail(error)
        handshakeTimer?.cancel()
        handshakeTimer = nil
        timer?.cancel()
        timer = nil
        let promise = pending
        pending = nil
        // Failed before closing: closing fails the writes still queued, and their error would say less.
        promise?.fail(error)
        if context.channel.isActive { context.close(promise: nil) }
    }
}
