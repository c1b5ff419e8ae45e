import DixianDaemon
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A loopback SMTP server for `dixian bench notify` (测速邮件服务器): plain text, no AUTH, accepts every
/// message and keeps only counts, so the figures measure dixian's client rather than a mail store.
final class SMTPSink: Sendable {
    private struct Counts {
        var connections = 0
        var messages = 0
    }

    private let counts = NIOLockedValueBox(Counts())
    private let channel: any Channel

    /// Listens on 127.0.0.1 on a free port.
    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws {
        let counts = self.counts
        self.channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counts.withLockedValue { $0.connections += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPSinkHandler(onMessage: {
                        counts.withLockedValue { $0.messages += 1 }
                    }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel.localAddress?.port ?? 0 }
    var connections: Int { counts.withLockedValue { $0.connections } }
    var messages: Int { counts.withLockedValue { $0.messages } }

    func close() async {
        try? await channel.close()
    }
}

/// One SMTP session of the sink: answers each command line, swallows DATA up to the lone dot.
private final class SMTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var buffer = ByteBuffer()
    private var inData = false
    private let onMessage: @Sendable () -> Void

    init(onMessage: @escaping @Sendable () -> Void) {
        self.onMessage = onMessage
    }

    func channelActive(context: ChannelHandlerContext) {
        reply("220 dixian-bench ESMTP", context: context)
        context.flush()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let line = nextLine() {
            handle(line, context: context)
        }
        context.flush()
    }

    private func nextLine() -> String? {
        guard let index = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = index - buffer.readerIndex + 1
        let line = buffer.readString(length: length) ?? ""
        buffer.discardReadBytes()
        // "\r\n" is one Character in Swift, as is a lone "\n".
        return String(line.dropLast())
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if inData {
            guard line == "." else { return }
            inData = false
            onMessage()
            reply("250 2.0.0 queued", context: context)
            return
        }
        switch line.prefix(4).uppercased() {
        case "EHLO": reply("250-dixian-bench\r\n250-PIPELINING\r\n250 8BITMIME", context: context)
        case "DATA":
            inData = true
            reply("354 end with <CRLF>.<CRLF>", context: context)
        case "QUIT":
            reply("221 bye", context: context)
            context.close(promise: nil)
        default: reply("250 ok", context: context)
        }
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}
