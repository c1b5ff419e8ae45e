import NIOCore
import NIOSSL
import NIOTLS

/// What ``SMTPConnection`` asks of its channel.
enum SMTPRequest: Sendable {
    /// One message; the promise gets the transaction's replies or an ``SMTPError``.
    case send(SMTPEnvelope, EventLoopPromise<[String]>)
    /// QUIT and close; the promise completes when the channel is closed.
    case quit(EventLoopPromise<Void>)
}

/// The message and its envelope, as the state machine sends them.
struct SMTPEnvelope: Sendable {
    var sender: String
    var recipients: [String]
    var body: [UInt8]
}

/// Runs ``SMTPClientStateMachine`` on a channel: frames replies, writes commands, inserts TLS after
/// STARTTLS's 220 and arms a timer for every step.
final class SMTPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var stateMachine: SMTPClientStateMachine
    private var parser = SMTPReplyParser()
    private let timeouts: SMTPConfiguration.Timeouts
    /// For STARTTLS; nil when TLS is off or was set up before the greeting (implicit).
    private let startTLSContext: NIOSSLContext?
    private let serverHostname: String?
    private var sessionPromise: EventLoopPromise<Void>?
    private var transactionPromise: EventLoopPromise<[String]>?
    private var quitPromises: [EventLoopPromise<Void>] = []
    private var stepTimer: Scheduled<Void>?
    private var idleTimer: Scheduled<Void>?

    init(configuration: SMTPConfiguration, startTLSContext: NIOSSLContext?, serverHostname: String?,
         sessionPromise: EventLoopPromise<Void>) {
        self.stateMachine = SMTPClientStateMachine(
            heloName: configuration.heloName, requireStartTLS: configuration.tls == .startTLS,
            secured: configuration.tls == .implicit, credentials: configuration.credentials)
        self.timeouts = configuration.timeouts
        self.startTLSContext = startTLSContext
        self.serverHostname = serverHostname
        self.sessionPromise = sessionPromise
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.armStepTimer(context: context, self.timeouts.reply, step: "greeting") }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.armStepTimer(context: context, self.timeouts.reply, step: "greeting")
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = self.unwrapInboundIn(data)
        let replies: [SMTPReply]
        do {
            replies = try self.parser.feed(buffer.readableBytesView)
        } catch {
            self.run(self.stateMachine.errorHappened(error), context: context)
            return
        }
        for reply in replies {
            self.stepTimer?.cancel()
            self.run(self.stateMachine.replyReceived(reply), context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            self.stepTimer?.cancel()
            self.run(self.stateMachine.tlsEstablished(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.run(self.stateMachine.errorHappened(SMTPError(channelError: error)), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.run(self.stateMachine.connectionClosed(), context: context)
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed()
        switch self.unwrapOutboundIn(data) {
        case .send(let envelope, let transactionPromise):
            guard self.transactionPromise == nil else {
                transactionPromise.fail(SMTPError(.connectionClosed, "SMTP 连接正忙 (connection busy)"))
                return
            }
            self.idleTimer?.cancel()
            self.transactionPromise = transactionPromise
            let action = self.stateMachine.startTransaction(
                sender: envelope.sender, recipients: envelope.recipients, body: envelope.body)
            self.run(action, context: context)
        case .quit(let quitPromise):
            let action = self.stateMachine.quit()
            guard action != .none else {
                quitPromise.succeed()  // already closed or closing
                return
            }
            self.quitPromises.append(quitPromise)
            self.run(action, context: context)
        }
    }

    private func run(_ action: SMTPClientStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .send(let command):
            let bytes = command.bytes
            var buffer = context.channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            context.writeAndFlush(self.wrapOutboundOut(buffer), promise: nil)
            if case .messageBody = command {
                self.armStepTimer(context: context, self.timeouts.data, step: "DATA")
            } else {
                self.armStepTimer(context: context, self.timeouts.reply, step: command.description)
            }
        case .startTLS:
            self.startTLS(context: context)
        case .sessionReady:
            self.sessionPromise?.succeed()
            self.sessionPromise = nil
            self.armIdleTimer(context: context)
        case .transactionSucceeded(let transcript):
            self.transactionPromise?.succeed(transcript)
            self.transactionPromise = nil
            self.armIdleTimer(context: context)
        case .transactionFailed(let error):
            self.transactionPromise?.fail(error)
            self.transactionPromise = nil
            self.armIdleTimer(context: context)
        case .closeConnection(let error):
            self.stepTimer?.cancel()
            self.idleTimer?.cancel()
            let failure = error ?? .closed
            // Close before failing the promises, so a caller never sees the failed connection as open.
            let quitPromises = self.quitPromises
            self.quitPromises = []
            context.close().whenComplete { _ in quitPromises.forEach { $0.succeed() } }
            self.sessionPromise?.fail(failure)
            self.sessionPromise = nil
            self.transactionPromise?.fail(failure)
            self.transactionPromise = nil
        }
    }

    private func startTLS(context: ChannelHandlerContext) {
        // Bytes read before the handshake came in plaintext after the 220 and could have been injected
        // by a man in the middle (CVE-2011-0411 class): refuse them.
        guard !self.parser.hasBufferedBytes else {
            let error = SMTPError(.protocolViolation, "STARTTLS 后收到明文数据 (plaintext data after STARTTLS)")
            self.run(self.stateMachine.errorHappened(error), context: context)
            return
        }
        guard let tlsContext = self.startTLSContext else {
            let error = SMTPError(.invalidConfiguration, "未配置 TLS (no TLS context for STARTTLS)")
            self.run(self.stateMachine.errorHappened(error), context: context)
            return
        }
        do {
            let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: self.serverHostname)
            try context.pipeline.syncOperations.addHandler(handler, position: .first)
            self.armStepTimer(context: context, self.timeouts.reply, step: "TLS handshake")
        } catch {
            self.run(self.stateMachine.errorHappened(SMTPError(channelError: error)), context: context)
        }
    }

    private func armStepTimer(context: ChannelHandlerContext, _ timeout: Duration, step: String) {
        self.stepTimer?.cancel()
        self.stepTimer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
            self.run(self.stateMachine.errorHappened(.timeout(step)), context: context)
        }
    }

    private func armIdleTimer(context: ChannelHandlerContext) {
        self.idleTimer?.cancel()
        self.idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(self.timeouts.idle)) {
            self.armStepTimer(context: context, self.timeouts.reply, step: "QUIT")
            self.run(self.stateMachine.quit(), context: context)
        }
    }
}
