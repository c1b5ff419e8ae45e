import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP session over a NIO channel, set up (TLS, EHLO, AUTH) and ready for transactions.
///
/// Transactions must not overlap; ``SMTPConnectionPool`` hands a connection to one caller at a time.
/// A connection that failed (anything but a refused message) is closed and must be discarded.
final class SMTPConnection: Sendable {
    let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Whether the channel is still open; false after a failure, the idle timer's QUIT or the server hanging up.
    var isActive: Bool { self.channel.isActive }

    /// Connects and runs the session up to the point where a message can be sent.
    static func connect(
        configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, eventLoopGroup: any EventLoopGroup
    ) async throws(SMTPError) -> SMTPConnection {
        let eventLoop = eventLoopGroup.next()
        let sessionPromise = eventLoop.makePromise(of: Void.self)
        // Verify against the IP address when the host is one: SNI cannot carry an address.
        let serverHostname = (try? SocketAddress(ipAddress: configuration.host, port: 0)) == nil ? configuration.host : nil
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(TimeAmount(configuration.timeouts.connect))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let operations = channel.pipeline.syncOperations
                        if configuration.tls == .implicit, let tlsContext {
                            try operations.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                        }
                        try operations.addHandler(SMTPChannelHandler(
                            configuration: configuration,
                            startTLSContext: configuration.tls == .startTLS ? tlsContext : nil,
                            serverHostname: serverHostname, sessionPromise: sessionPromise))
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            sessionPromise.fail(SMTPError.closed)
            throw SMTPError(channelError: error)
        }
        do {
            try await sessionPromise.futureResult.get()
        } catch {
            try? await channel.close()
            throw SMTPError(channelError: error)
        }
        return SMTPConnection(channel: channel)
    }

    /// Sends one message; returns the transaction's replies.
    func send(sender: String, recipients: [String], body: [UInt8]) async throws(SMTPError) -> [String] {
        let promise = self.channel.eventLoop.makePromise(of: [String].self)
        let envelope = SMTPEnvelope(sender: sender, recipients: recipients, body: body)
        // A closed channel drops the write: its failure must still complete the promise.
        self.channel.writeAndFlush(SMTPRequest.send(envelope, promise)).whenFailure { _ in
            promise.fail(SMTPError.closedBeforeSending)
        }
        do {
            return try await promise.futureResult.get()
        } catch {
            throw SMTPError(channelError: error)
        }
    }

    /// QUIT and close; never fails.
    func close() async {
        let promise = self.channel.eventLoop.makePromise(of: Void.self)
        self.channel.writeAndFlush(SMTPRequest.quit(promise)).whenFailure { _ in promise.succeed() }
        try? await promise.futureResult.get()
        try? await self.channel.close()
    }
}
