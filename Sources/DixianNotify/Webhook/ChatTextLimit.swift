/// The most text a chat platform takes in one message (消息长度上限), and the cut that keeps under it.
///
/// Platforms reject an over-long message outright, so a reminder with a long list of items would never
/// arrive; a shortened one with a marker at least tells the group to look elsewhere.
public struct ChatTextLimit: Sendable, Hashable {
    /// What the platform counts.
    public enum Unit: String, Sendable, Hashable {
        /// Bytes of UTF-8 (WeCom, Feishu): a Chinese character counts three.
        case utf8Bytes
        /// UTF-16 code units, the "characters" of Java and JavaScript servers (DingTalk). A Chinese character
        /// counts one, an emoji two; counting this way stays under the limit however the server counts.
        case utf16
    }

    public var maximum: Int
    public var unit: Unit

    /// Appended to text that was cut.
    public static let truncationMarker = "…（内容过长，已截断）"

    public init(maximum: Int, unit: Unit) {
        self.maximum = maximum
        self.unit = unit
    }

    /// The length of `text` in this limit's unit.
    public func measure(_ text: some StringProtocol) -> Int {
        switch unit {
        case .utf8Bytes: text.utf8.count
        case .utf16: text.utf16.count
        }
    }

    /// `text` unchanged when `text + suffix` fits; otherwise the longest prefix of whole characters (grapheme
    /// clusters, so no scalar, emoji sequence or combining mark is split) followed by the marker, such that
    /// prefix, marker and `suffix` together fit. The suffix is what must survive, e.g. DingTalk's `@mobile` list.
    public func truncate(_ text: String, keeping suffix: String = "") -> String {
        let reserved = measure(suffix)
        guard measure(text) + reserved > maximum else { return text }
        let budget = maximum - reserved - measure(Self.truncationMarker)
        guard budget > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = measure(text[index...index])
            if used + size > budget { break }
            used += size
            end = text.index(after: index)
        }
        return text[..<end] + Self.truncationMarker
    }
}
