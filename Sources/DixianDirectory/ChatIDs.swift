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

    /// The canonical JSON object: keys sorted, absent platforms omitted (synthesized `Encodable`
    /// skips nil optionals).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the JSON object ``json`` writes (and any other object with these string members).
    public init(json: String) {
        let decoded = try? JSONDecoder().decode(ChatIDs.self, from: Data(json.utf8))
        self = decoded ?? ChatIDs()
    }
}
