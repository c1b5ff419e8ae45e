/// Something that carries a ``Notification`` out of the machine (发送渠道): SMTP, a webhook, a chat bot
/// or a maildir.
///
/// A transport is created once per configured channel and shared by the dispatcher's workers, so it must
/// be safe to call concurrently; it may keep connections open between calls (SMTP reuses them).
public protocol NotificationTransport: Sendable {
    /// Delivers one notification.
    ///
    /// Throws ``DeliveryFailure`` to say whether a retry can help; any other error counts as transient.
    /// Returns what the far side answered, for `dixian notify test` and debug logs.
    func deliver(_ notification: Notification) async throws -> DeliveryReceipt

    /// Closes pooled connections; called once at shutdown. Calls after it may fail.
    func shutdown() async
}

/// What the far side answered to a successful delivery.
public struct DeliveryReceipt: Sendable, Hashable {
    /// The server's replies in order, e.g. `250 2.0.0 Ok: queued as 4F2C` or `HTTP 200 {"errcode":0}`;
    /// never a secret or a password exchange.
    public var transcript: [String]

    public init(transcript: [String] = []) {
        self.transcript = transcript
    }
}
