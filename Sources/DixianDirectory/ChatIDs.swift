import Foundation

/// An official's user ids on the chat platforms counties use, for chat-bot reminders.
///
/// Stored as a JSON object (`{"dingtalk": "...", "feishu": "...", "wecom": "..."}`) with absent
/// platforms left out, so two equal values always have the same JSON.
public struct ChatIDs: Sendable, Hashable, Codable {
    /// 企业微信 user id.
    public var wecom: String?
    /// 钉钉 user id.
    public var dingtalk: String?
    /// 飞书 user id (open id or user id).
    public var feishu: String?

    public init(wecom: String? = nil, dingtalk: String? = nil, feishu: String? = nil) {
        self.wecom = wecom
        self.dingtalk = dingtalk
        self.feishu = feishu
    }

    /// Whether no platform id is known.
    public var isEmpty: Bool {
        self.wecom == nil && self.dingtalk == nil && self.feishu == nil
    }

    /// The canonical JSON object: keys sorted, absent platforms omitted.
    public var json: String {
        let pairs: [(String, String?)] = [("dingtalk", self.dingtalk), ("feishu", self.feishu), ("wecom", self.wecom)]
        let members = pairs.compactMap { key, value in value.map { "\"\(key)\":\(Self.quoted($0))" } }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Reads the JSON object ``json`` writes (and any other object with these string members).
    public init(json: String) {
        let decoded = try? JSONDecoder().decode(ChatIDs.self, from: Data(json.utf8))
        self = decoded ?? ChatIDs()
    }

    /// A JSON string literal (RFC 8259 escapes).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
