import DixianNotify
import Foundation

/// A notice whose text was written when it was queued (预先生成的通知), such as the weekly bulletin: the outbox
/// row's payload carries the subject, bodies, chat text and attachments, so every retry sends exactly what was
/// issued, whatever the data says by then.
public struct PreparedNotice: Sendable, Hashable, Codable {
    /// A file the email carries, base64 in the payload.
    public struct Attachment: Sendable, Hashable, Codable {
        public var filename: String
        public var contentType: String
        public var base64: String

        public init(filename: String, contentType: String, bytes: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.base64 = Data(bytes).base64EncodedString()
        }

        enum CodingKeys: String, CodingKey {
            case filename, base64
            case contentType = "content_type"
        }
    }

    public var subject: String
    public var text: String
    public var html: String?
    /// The chat text: counts only, no names, no households.
    public var chat: String
    public var attachments: [Attachment]

    public init(content: RenderedContent, attachments: [Attachment]) {
        self.subject = content.subject
        self.text = content.text
        self.html = content.html
        self.chat = content.chat
        self.attachments = attachments
    }

    public var content: RenderedContent { RenderedContent(subject: subject, text: text, html: html, chat: chat) }

    /// The outbox payload: `{"prepared": {…}}`, beside which a dead-letter notice's fields never appear.
    public func payload() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(["prepared": self]), as: UTF8.self)
    }

    /// The prepared notice a group carries: a single row whose payload holds one. Nil for anything else.
    public static func carried(by group: OutboxGroup) -> PreparedNotice? {
        guard group.messages.count == 1, group.isNotice else { return nil }
        return try? JSONDecoder().decode([String: PreparedNotice].self, from: Data(group.messages[0].payload.utf8))["prepared"]
    }

    /// The attachments as MIME parts; one that cannot be decoded or named is a permanent failure of the row.
    func mailAttachments() throws -> [MailAttachment] {
        try attachments.map { attachment in
            guard let data = Data(base64Encoded: attachment.base64) else {
                throw DeliveryFailure(.permanent, "通知附件无法解码 (an attachment in the payload is not base64)")
            }
            do {
                return try MailAttachment(filename: attachment.filename, contentType: attachment.contentType, bytes: Array(data))
            } catch {
                throw DeliveryFailure(.permanent, "通知附件无效 (invalid attachment): \(error)")
            }
        }
    }
}
