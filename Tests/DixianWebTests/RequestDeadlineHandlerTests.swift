@testable import DixianWeb
import NIOCore
import NIOEmbedded
import Testing

@Suite("Request deadlines")
struct RequestDeadlineHandlerTests {
    /// An active embedded channel with the handler: 10 s for the head, 30 s for the body.
    static func channel() throws -> (EmbeddedChannel, RequestDeadlineHandler) {
        let handler = RequestDeadlineHandler(headerTimeout: .seconds(10), bodyTimeout: .seconds(30))
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, handler)
    }

    static func send(_ text: String, _ channel: EmbeddedChannel) throws {
        try channel.writeInbound(ByteBuffer(string: text))
        _ = try channel.readInbound(as: ByteBuffer.self)
    }

    @Test("a head not complete within the header timeout closes the connection")
    func slowHead() throws {
        let (channel, handler) = try Self.channel()
        try Self.send("GET /healthz HTTP/1.1\r\nHost: x\r\n", channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
        #expect(handler.phase == .head(matched: 2))
    }

    @Test("a complete head in pieces cancels the header deadline; a body of known length then has its own")
    func headThenBody() throws {
        let (channel, handler) = try Self.channel()
        for piece in ["POST /a/t HTTP/1.1\r", "\nContent-Length: 10\r\n", "\r", "\n12345"] {
            try Self.send(piece, channel)
        }
        #expect(handler.phase == .body(remaining: 5))
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        #expect(channel.isActive, "the header deadline no longer applies")
        try Self.send("67890", channel)
        #expect(handler.phase == .answering)
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(channel.isActive, "no deadline while the application answers")
    }

    @Test("a body that stops arriving closes the connection at the body timeout")
    func slowBody() throws {
        let (channel, _) = try Self.channel()
        try Self.send("POST /a/t HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc", channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(31))
        #expect(!channel.isActive)
    }

    @Test("nothing sent at all closes at the header timeout")
    func silent() throws {
        let (channel, _) = try Self.channel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(11))
        #expect(!channel.isActive)
    }

    @Test("Content-Length and chunked heads")
    func contentLength() {
        #expect(RequestDeadlineHandler.contentLength(ofHead: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)) == 0)
        #expect(RequestDeadlineHandler.contentLength(ofHead: Array("POST / HTTP/1.1\r\ncontent-length:  42\r\n\r\n".utf8)) == 42)
        #expect(RequestDeadlineHandler.contentLength(ofHead: Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)) == nil)
    }
}
