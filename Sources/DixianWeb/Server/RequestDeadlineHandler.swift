import Foundation
import NIOCore

/// Closes a connection whose client is too slow to send a request (慢速请求): the head must be complete
/// within the header timeout, and a body of known length within the body timeout after the head.
///
/// It sits first in the pipeline and sees raw bytes, so it works before and independently of the HTTP
/// decoder: it finds the end of a head (the first empty line) and reads `Content-Length` from it to count
/// the body. A chunked body's deadline ends when the answer starts. Hummingbird's own idle timeout covers
/// kept-alive connections with no request in flight.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Where the connection is in the request it is reading.
    enum Phase: Equatable {
        /// Between requests: nothing read since the last answer began.
        case idle
        /// Reading a head; `matched` counts the bytes of `\r\n\r\n` seen in a row.
        case head(matched: Int)
        /// Reading a body; nil remaining means chunked, which ends when the answer starts.
        case body(remaining: Int?)
        /// The request is read; the application is answering.
        case answering
    }

    /// The largest head whose text is kept to find `Content-Length` (the decoder refuses larger ones).
    static let maximumHeadCopy = 80 * 1024

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private(set) var phase: Phase = .head(matched: 0)
    private var head: [UInt8] = []
    private var timer: Scheduled<Void>?

    init(headerTimeout: Duration, bodyTimeout: Duration) {
        self.headerTimeout = TimeAmount(headerTimeout)
        self.bodyTimeout = TimeAmount(bodyTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.startHead(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.startHead(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.cancelTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = self.unwrapInboundIn(data)
        self.consume(buffer.readableBytesView, context: context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // An answer has begun: whatever the client still sends of this request no longer has a deadline here
        // (the application refused it early, or reads a chunked body); the next request's first byte starts one.
        if case .body = self.phase {
            self.cancelTimer()
            self.phase = .answering
        }
        context.write(data, promise: promise)
    }

    /// Advances the phase over `bytes`, scheduling and cancelling deadlines as requests begin and end.
    private func consume(_ bytes: ByteBufferView, context: ChannelHandlerContext) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch self.phase {
            case .idle, .answering:
                self.head.removeAll(keepingCapacity: true)
                self.phase = .head(matched: 0)
                self.schedule(self.headerTimeout, context: context)
            case .head(var matched):
                let byte = bytes[index]
                index += 1
                if self.head.count < Self.maximumHeadCopy { self.head.append(byte) }
                let expected: UInt8 = matched % 2 == 0 ? 0x0D : 0x0A
                if byte == expected {
                    matched += 1
                } else if byte == 0x0A, matched % 2 == 0 {
                    // A bare LF line end, which lenient parsers accept: count it as a CRLF.
                    matched += 2
                } else {
                    matched = byte == 0x0D ? 1 : 0
                }
                if matched >= 4 {
                    self.cancelTimer()
                    let length = Self.contentLength(ofHead: self.head)
                    self.head.removeAll(keepingCapacity: true)
                    if length == 0 {
                        self.phase = .answering
                    } else {
                        self.phase = .body(remaining: length)
                        self.schedule(self.bodyTimeout, context: context)
                    }
                } else {
                    self.phase = .head(matched: matched)
                }
            case .body(let remaining):
                guard let remaining else { return }
                let available = bytes.endIndex - index
                if available < remaining {
                    self.phase = .body(remaining: remaining - available)
                    return
                }
                index += remaining
                self.cancelTimer()
                self.phase = .answering
            }
        }
    }

    /// The body length a head announces: its `Content-Length`, nil for a chunked body, 0 for none.
    static func contentLength(ofHead head: [UInt8]) -> Int? {
        let text = String(decoding: head, as: UTF8.self)
        var length = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "transfer-encoding" { return nil }
            if name == "content-length", let parsed = Int(value), parsed >= 0 { length = parsed }
        }
        return length
    }

    private func startHead(context: ChannelHandlerContext) {
        guard self.timer == nil, self.phase == .head(matched: 0) else { return }
        self.schedule(self.headerTimeout, context: context)
    }

    private func schedule(_ delay: TimeAmount, context: ChannelHandlerContext) {
        self.cancelTimer()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.timer = context.eventLoop.scheduleTask(in: delay) {
            loopBound.value.close(promise: nil)
        }
    }

    private func cancelTimer() {
        self.timer?.cancel()
        self.timer = nil
    }
}
