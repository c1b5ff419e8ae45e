import DixianCore
import Foundation

// The JSON bodies, one type per receiver format. Field names follow each platform's documentation.

extension WebhookRequest {
    /// The Standard Webhooks event: facts for machines, and the chat text. Not the email's `text` or
    /// `html`: they carry names and signed action links, which are credentials.
    struct GenericEvent: Encodable {
        struct Data: Encodable {
            struct Recipient: Encodable {
                var id: String
            }

            var key: String
            var channel: String
            var subject: String
            var chat: String
            var deliveryKeys: [String]
            var recipients: [Recipient]
            var attributes: [String: String]

            enum CodingKeys: String, CodingKey {
                case key, channel, subject, chat, recipients, attributes
                case deliveryKeys = "delivery_keys"
            }
        }

        var type = "dixian.notification"
        var timestamp: String
        var data: Data

        init(_ notification: Notification) {
            timestamp = Self.iso8601(notification.createdAt)
            data = Data(
                key: notification.key, channel: notification.channel, subject: notification.content.subject,
                chat: notification.content.chat, deliveryKeys: notification.deliveryKeys,
                recipients: notification.recipients.map { Data.Recipient(id: $0.id) }, attributes: notification.attributes)
        }

        /// Whole seconds in UTC, like `webhook-timestamp`, so both name the same instant.
        static func iso8601(_ date: Date) -> String {
            date.internetTimeUTC
        }
    }

    /// 企业微信群机器人 text message.
    struct WeComText: Encodable {
        struct Text: Encodable {
            var content: String
            var mentionedMobileList: [String]

            enum CodingKeys: String, CodingKey {
                case content
                case mentionedMobileList = "mentioned_mobile_list"
            }
        }

        var msgtype = "text"
        var text: Text
    }

    /// 钉钉自定义机器人 text message; the `@mobile` must also appear in the content for the mention to show.
    struct DingTalkText: Encodable {
        struct Text: Encodable {
            var content: String
        }

        struct At: Encodable {
            var atMobiles: [String]
            var isAtAll: Bool
        }

        var msgtype = "text"
        var text: Text
        var at: At
    }

    /// 飞书自定义机器人 text message; `timestamp` and `sign` only when the bot has 签名校验 on.
    struct FeishuText: Encodable {
        struct Content: Encodable {
            var text: String
        }

        var timestamp: String?
        var sign: String?
        var msgType = "text"
        var content: Content

        enum CodingKeys: String, CodingKey {
            case timestamp, sign, content
            case msgType = "msg_type"
        }
    }
}
