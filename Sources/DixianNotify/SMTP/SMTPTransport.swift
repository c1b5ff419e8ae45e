import NIOCore
import NIOPosix
import NIOSSL

/// Sends notifications as email over SMTP (邮件通道), reusing a small pool of authenticated sessions.
///
/// Safe under concurrent ``deliver(_:)`` calls: each call borrows one pooled connection, so at most
/// ``SMTPConfiguration/poolSize`` sessions are open. TLS certificates are always verified, host name
/// included; the password never appears in logs, errors or transcripts.
///
/// Failure classification (失败分类), as ``DeliveryFailure``:
///
/// | What happened | Kind | Reason starts with |
/// |---|---|---|
/// | Connection refused, unreachable, DNS failure | transient | `SMTP 连接失败 (connection failed)` |
/// | Connect, reply, TLS handshake or DATA timeout | transient | `SMTP 超时 (timed out)` |
/// | Untrusted certificate or host name mismatch | transient | `证书不受信任 (certificate not trusted)` |
/// | Other TLS handshake failure | transient | `TLS 握手失败 (TLS handshake failed)` |
/// | STARTTLS required but not offered or refused | transient | `SMTP 服务器未提供 STARTTLS…` / `SMTP 服务器拒绝 STARTTLS…` |
/// | AUTH rejected (535 or any AUTH error) | transient | `SMTP 认证失败 (authentication failed)` |
/// | Greeting or EHLO refused | transient | `SMTP 服务器拒绝会话 (server refused the session)` |
/// | 4xx to MAIL, RCPT or DATA (e.g. 451) | transient | `SMTP 451 …` |
/// | 5xx to MAIL, RCPT or DATA (e.g. 550) | permanent | `SMTP 550 …` |
/// | Message larger than the server's SIZE | permanent | `SMTP 552 …` |
/// | No recipient with an email address | permanent | `收件人没有登记邮箱…` |
///
/// Certificate, STARTTLS and authentication problems concern the channel, not the message: they are
/// retried until an operator fixes the configuration. A connection that failed in any way but a
/// refused message is closed and never reused; after a refused MAIL, RCPT or DATA it is reset with
/// RSET and carries the next message.
public final class SMTPTransport: NotificationTransport {
    public let configuration: SMTPConfiguration
    private let pool: SMTPConnectionPool

    /// Prepares the TLS context (system roots plus ``SMTPConfiguration/caFile``); connects lazily.
    ///
    /// Throws ``SMTPError`` `invalid_configuration` when the CA file cannot be read.
    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(SMTPError) {
        self.configuration = configuration
        var tlsContext: NIOSSLContext?
        if configuration.tls != .none {
            do {
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.certificateVerification = .fullVerification
                if let caFile = configuration.caFile {
                    tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
                }
                tlsContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw SMTPError(.invalidConfiguration, "TLS 配置无效 (invalid TLS configuration): \(error)",
                                context: ["caFile": configuration.caFile ?? ""])
            }
        }
        self.pool = SMTPConnectionPool(configuration: configuration, tlsContext: tlsContext, eventLoopGroup: eventLoopGroup)
    }

    /// Builds the email with ``Notification/mailMessage(from:timeZone:)`` and sends it to every recipient.
    ///
    /// Returns the server's replies to MAIL, RCPT, DATA and the final dot; throws ``DeliveryFailure``
    /// classified as in the table above.
    public func deliver(_ notification: Notification) async throws -> DeliveryReceipt {
        let message = try notification.mailMessage(from: self.configuration.sender, timeZone: self.configuration.timeZone)
        let body = message.render()
        let recipients = message.to.map(\.address)
        do throws(SMTPError) {
            do throws(SMTPError) {
                return try await self.send(body, to: recipients)
            } catch where error.isBeforeSending {
                // The connection closed before MAIL (idle QUIT, server timeout): nothing went out, so one more
                // try on a fresh connection cannot repeat the message.
                return try await self.send(body, to: recipients)
            }
        } catch {
            throw error.deliveryFailure
        }
    }

    /// One attempt on one leased connection.
    private func send(_ body: [UInt8], to recipients: [String]) async throws(SMTPError) -> DeliveryReceipt {
        let lease = try await self.pool.lease()
        do {
            let transcript = try await lease.connection.send(
                sender: self.configuration.sender.address, recipients: recipients, body: body)
            await self.pool.release(lease, reusable: true)
            return DeliveryReceipt(transcript: transcript)
        } catch {
            await self.pool.release(lease, reusable: error.code == .messageRejected)
            throw error
        }
    }

    /// Sends QUIT on idle connections and closes them; deliveries in flight finish first.
    public func shutdown() async {
        await self.pool.shutdown()
    }
}
