import DixianCore
import Foundation

// The JSON bodies, one type per receiver format. Field names follow each platform's documentation.

extension WebhookRequest {
    /// The Standard Webhooks event: facts for machines, and the chat text. Not the email's `text` or
    /// `html`: they carry names and signed action links, which are credentials.
    ///
    /// Written with ``JSONValue``, not `JSONEncoder`: this body is built for every delivery at the
    /// dispatcher's full rate, while the chat bots' bodies below are held to a few a minute by their platforms.
    enum GenericEvent {
        static func json(_ notification: Notification) -> JSONValue {
            .object([
                "type": .string("dixian.notification"),
                "timestamp": .string(iso8601(notification.createdAt)),
                "data": .object([
                    "key": .string(notification.key),
                    "channel": .string(notification.channel),
                    "subject": .string(notification.content.subject),
                    "chat": .string(notification.content.chat),
                    "delivery_keys": .array(notification.deliveryKeys.map(JSONValue.string)),
                    "recipients": .array(notification.recipients.map { .object(["id": .string($0.id)]) }),
                    "attributes": .object(notification.attributes.mapValues(JSONValue.string)),
                ]),
            ])
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
