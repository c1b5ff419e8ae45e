import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Keep-alive HTTP/1.1 connections to one origin (连接池), each lent to one exchange at a time.
///
/// A caller finding no idle connection opens one; the caller's own concurrency (a channel's `concurrency`)
/// bounds how many are open. A connection goes back to the pool only after a complete answer that allows
/// keep-alive, and is dropped once it has sat idle for ``idleTimeout`` (counted from the answer's arrival),
/// before a server's own keep-alive timeout (nginx: 75 s; many Go servers: 90 s) is likely to close it under a
/// request.
public final class HTTPConnectionPool: Sendable {
    /// Idle connections kept at most; more are closed when they come back.
    public static let idleLimit = 64
    /// How long a connection may sit idle and still be lent, unless the pool was given another limit.
    public static let defaultIdleTimeout = TimeAmount.seconds(30)

    private struct Idle {
        let connection: HTTPConnection
        let since: NIODeadline
    }

    private struct State {
        var idle: [Idle] = []
        var isShutDown = false
    }

    public let origin: HTTPOrigin
    /// Idle connections older than this are closed rather than lent.
    public let idleTimeout: TimeAmount
    private let tlsContext: NIOSSLContext?
    private let eventLoopGroup: any EventLoopGroup
    private let state = NIOLockedValueBox(State())

    /// A pool for `origin`; `tlsContext` is required for https and verifies the server's certificate.
    public init(
        origin: HTTPOrigin, tlsContext: NIOSSLContext?, idleTimeout: TimeAmount = defaultIdleTimeout,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.origin = origin
        self.idleTimeout = idleTimeout
        self.tlsContext = origin.isTLS ? tlsContext : nil
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends one request (`target` is its path and query) and returns the answer, all within `timeout`.
    ///
    /// A kept-alive connection that fails before its deadline (the server may close an idle connection just
    /// as a request goes out, and cannot tell us in advance) is replaced once by a new one, so a receiver may
    /// see a request twice, which the Standard Webhooks `webhook-id` exists for. Any other failure is thrown as
    /// the channel, NIOSSL or ``HTTPExchangeError`` reported it.
    public func execute(method: HTTPMethod, target: String, headers: HTTPHeaders, body: [UInt8], timeout: TimeAmount) async throws -> HTTPAnswer {
        let deadline = NIODeadline.now() + timeout
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers)
        head.headers.replaceOrAdd(name: "host", value: origin.hostHeader)
        head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        let buffer = ByteBuffer(bytes: body)
        if let reused = try takeIdle() {
            do {
                return try await exchange(on: reused, head, buffer, deadline).get()
            } catch let error as HTTPExchangeError where error.code == .timedOut || error.code == .shutDown {
                throw error
            } catch {
                // Reset, closed or refused writes on a reused connection: fall through to a new one.
            }
        }
        return try await HTTPConnection.connect(to: origin, tlsContext: tlsContext, eventLoopGroup: eventLoopGroup, deadline: deadline)
            .flatMap { self.exchange(on: $0, head, buffer, deadline) }
            .get()
    }

    /// Closes the idle connections; later requests fail with ``HTTPExchangeError/Code/shutDown``.
    public func shutdown() {
        let idle = state.withLockedValue { state in
            state.isShutDown = true
            defer { state.idle = [] }
            return state.idle
        }
        idle.forEach { $0.connection.close() }
    }

    /// One exchange on `connection`, chained on its event loop: afterwards the connection is kept for the next
    /// request when the answer allows keep-alive, else closed, and closed after any failure.
    private func exchange(
        on connection: HTTPConnection, _ head: HTTPRequestHead, _ body: ByteBuffer, _ deadline: NIODeadline
    ) -> EventLoopFuture<HTTPAnswer> {
        connection.exchange(head, body: body, deadline: deadline)
            .map { answer in
                if answer.keepAlive { self.giveBack(connection) } else { connection.close() }
                return answer
            }
            .flatMapErrorThrowing { error in
                connection.close()
                throw error
            }
    }

    /// The most recently used idle connection that is still open and fresh; older ones are closed.
    private func takeIdle() throws -> HTTPConnection? {
        let now = NIODeadline.now()
        var stale: [HTTPConnection] = []
        defer { stale.forEach { $0.close() } }
        return try state.withLockedValue { state in
            guard !state.isShutDown else { throw HTTPExchangeError(.shutDown, context: ["host": origin.hostHeader]) }
            while let candidate = state.idle.popLast() {
                if candidate.connection.isActive, now - candidate.since < idleTimeout { return candidate.connection }
                stale.append(candidate.connection)
            }
            return nil
        }
    }

    private func giveBack(_ connection: HTTPConnection) {
        let kept = state.withLockedValue { state in
            guard !state.isShutDown, state.idle.count < Self.idleLimit, connection.isActive else { return false }
            state.idle.append(Idle(connection: connection, since: .now()))
            return true
        }
        if !kept { connection.close() }
    }
}
