import Foundation

/// One message ready to leave the machine (待发通知): rendered, addressed and keyed.
///
/// The dispatcher builds it from one outbox row, or from several rows merged into a digest (汇总提醒);
/// a transport turns it into an email, a webhook body or a chat-bot message. Transports never read the
/// database or the clock for anything that must be stable across retries: the key, the text and the
/// timestamp all come from here.
public struct Notification: Sendable, Hashable {
    /// The idempotency key: the outbox row's key, or the digest's key. The email's Message-ID and the
    /// webhook's `webhook-id` derive from it, so a retry carries the same id.
    public var key: String
    /// The configured channel name (`email`, `chat`, `ops-hook`, …), for logs and metrics.
    public var channel: String
    /// The instant written into `Date:` headers and webhook timestamps.
    public var createdAt: Date
    /// Who it is for: one person for email, the people to @-mention for chat.
    public var recipients: [NotificationRecipient]
    /// The rendered text.
    public var content: RenderedContent
    /// The outbox keys this message delivers (one, or several for a digest), in order.
    public var deliveryKeys: [String]
    /// Plain facts for machine receivers (the generic webhook's JSON `data`): kind, duty id, unit code,
    /// due date… Never personal data beyond what the chat text may carry.
    public var attributes: [String: String]
    /// Files an email carries (the weekly bulletin's workbook); chat and webhooks leave them out.
    public var attachments: [MailAttachment]

    public init(
        key: String, channel: String, createdAt: Date, recipients: [NotificationRecipient], content: RenderedContent,
        deliveryKeys: [String]? = nil, attributes: [String: String] = [:], attachments: [MailAttachment] = []
    ) {
        self.key = key
        self.channel = channel
        self.createdAt = createdAt
        self.recipients = recipients
        self.content = content
        self.deliveryKeys = deliveryKeys ?? [key]
        self.attributes = attributes
        self.attachments = attachments
    }
}

/// A person a notification addresses (收件人), with the contacts the directory holds.
public struct NotificationRecipient: Sendable, Hashable {
    /// The directory's official id (工号).
    public var id: String
    public var name: String
    public var email: String?
    /// Mainland mobile number, for @-mentions in chat groups.
    public var mobile: String?

    public init(id: String, name: String, email: String? = nil, mobile: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.mobile = mobile
    }
}

/// The text of a notification after templates were filled (渲染结果).
public struct RenderedContent: Sendable, Hashable {
    /// Email subject, one line.
    public var subject: String
    /// Email plain-text body, footer included.
    public var text: String
    /// Email HTML body, footer included; nil sends text only.
    public var html: String?
    /// Chat-bot text: no recipient names, no signed links, no household data.
    public var chat: String

    public init(subject: String, text: String, html: String? = nil, chat: String) {
        self.subject = subject
        self.text = text
        self.html = html
        self.chat = chat
    }
}
