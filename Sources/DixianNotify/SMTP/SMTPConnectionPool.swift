import NIOCore
import NIOSSL

/// Keeps up to `poolSize` SMTP sessions open and lends each to one delivery at a time.
///
/// Callers beyond the limit wait for a connection to come back. A connection that failed, or sent
/// `messagesPerConnection` messages, or sat idle past the idle timeout, is closed instead of reused.
actor SMTPConnectionPool {
    /// A connection lent to one caller, with the number of messages it sent before.
    struct Lease: Sendable {
        let connection: SMTPConnection
        let messagesSent: Int
    }

    private struct Idle {
        let connection: SMTPConnection
        let messagesSent: Int
        let since: ContinuousClock.Instant
    }

    private let configuration: SMTPConfiguration
    private let tlsContext: NIOSSLContext?
    private let eventLoopGroup: any EventLoopGroup
    private var idle: [Idle] = []
    /// Connections open or being opened, idle or lent.
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isShutDown = false

    init(configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, eventLoopGroup: any EventLoopGroup) {
        self.configuration = configuration
        self.tlsContext = tlsContext
        self.eventLoopGroup = eventLoopGroup
    }

    /// An idle connection, a new one if the pool has room, or the next one returned.
    func lease() async throws(SMTPError) -> Lease {
        while true {
            guard !self.isShutDown else {
                throw SMTPError(.connectionClosed, "SMTP 通道已关闭 (transport shut down)")
            }
            // Most recently used first: it is the likeliest to be still open.
            while let candidate = self.idle.popLast() {
                // A margin before the idle timer's QUIT, so a lease never races it.
                let fresh = candidate.since.duration(to: .now) < self.configuration.timeouts.idle * 0.9
                if fresh, candidate.connection.isActive {
                    return Lease(connection: candidate.connection, messagesSent: candidate.messagesSent)
                }
                self.open -= 1
                Task { await candidate.connection.close() }
            }
            if self.open < self.configuration.poolSize {
                self.open += 1
                do {
                    let connection = try await SMTPConnection.connect(
                        configuration: self.configuration, tlsContext: self.tlsContext,
                        eventLoopGroup: self.eventLoopGroup)
                    return Lease(connection: connection, messagesSent: 0)
                } catch {
                    self.open -= 1
                    self.wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { self.waiters.append($0) }
        }
    }

    /// Returns a lent connection; `reusable` is false after any failure but a refused message.
    func release(_ lease: Lease, reusable: Bool) async {
        let sent = lease.messagesSent + 1
        if reusable, !self.isShutDown, lease.connection.isActive, sent < self.configuration.messagesPerConnection {
            self.idle.append(Idle(connection: lease.connection, messagesSent: sent, since: .now))
            self.wakeOne()
            return
        }
        self.open -= 1
        self.wakeOne()
        await lease.connection.close()
    }

    /// QUIT on every idle connection; lent ones are closed when they come back.
    func shutdown() async {
        self.isShutDown = true
        let idle = self.idle
        self.idle = []
        self.open -= idle.count
        let waiters = self.waiters
        self.waiters = []
        waiters.forEach { $0.resume() }
        for entry in idle { await entry.connection.close() }
    }

    private func wakeOne() {
        guard !self.waiters.isEmpty else { return }
        self.waiters.removeFirst().resume()
    }
}
