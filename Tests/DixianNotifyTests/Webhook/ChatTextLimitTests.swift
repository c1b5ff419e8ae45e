import DixianCore
import DixianNotify
import Testing

@Suite("Chat text limits")
struct ChatTextLimitTests {
    @Test("property: a cut never splits a character, never exceeds the cap, keeps the longest prefix", arguments: [
        ChatTextLimit(maximum: 2048, unit: .utf8Bytes), ChatTextLimit(maximum: 100, unit: .utf8Bytes),
        ChatTextLimit(maximum: 50, unit: .utf8Bytes), ChatTextLimit(maximum: 64, unit: .utf16), ChatTextLimit(maximum: 20000, unit: .utf16),
    ])
    func property(limit: ChatTextLimit) {
        var random = SeededRandom(seed: UInt64(limit.maximum))
        for _ in 0..<120 {
            let text = RandomText.string(&random, maxLength: limit.maximum / 2 + random.below(limit.maximum))
            let suffix = random.below(3) == 0 ? " @13800000001" : ""
            let cut = limit.truncate(text, keeping: suffix)
            #expect(limit.measure(cut) + limit.measure(suffix) <= limit.maximum)
            guard cut != text else {
                #expect(limit.measure(text) + limit.measure(suffix) <= limit.maximum)
                continue
            }
            #expect(cut.hasSuffix(ChatTextLimit.truncationMarker))
            let kept = String(cut.dropLast(ChatTextLimit.truncationMarker.count))
            // Whole characters of the original: the kept part is a Character-wise prefix …
            #expect(Array(text).starts(with: Array(kept)))
            // … and scalar-wise too, so no scalar was split or re-combined.
            #expect(Array(text.unicodeScalars).starts(with: Array(kept.unicodeScalars)))
            // … and the next character would not have fitted.
            let next = Array(text)[Array(kept).count]
            #expect(limit.measure(kept + String(next)) + limit.measure(ChatTextLimit.truncationMarker) + limit.measure(suffix) > limit.maximum)
        }
    }

    @Test("WeCom counts UTF-8 bytes: 2048 bytes hold 682 Chinese characters, not 2048")
    func wecomBytes() throws {
        let limit = try #require(WebhookConfiguration.Preset.wecom.textLimit)
        #expect(limit.truncate(String(repeating: "县", count: 682)) == String(repeating: "县", count: 682))
        let cut = limit.truncate(String(repeating: "县", count: 683))
        #expect(cut.utf8.count <= 2048)
        #expect(cut == String(repeating: "县", count: (2048 - ChatTextLimit.truncationMarker.utf8.count) / 3) + ChatTextLimit.truncationMarker)
    }

    @Test("an emoji family or a flag is kept whole or dropped whole")
    func graphemes() {
        let limit = ChatTextLimit(maximum: 40, unit: .utf8Bytes)
        let family = "👨‍👩‍👧‍👦"  // 25 bytes
        let cut = limit.truncate("ab" + family + family)
        #expect(cut == "ab" + ChatTextLimit.truncationMarker)
    }
}
