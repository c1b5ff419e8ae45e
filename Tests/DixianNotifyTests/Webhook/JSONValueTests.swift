import DixianCore
import DixianNotify
import Foundation
import Testing

@Suite("JSON bodies written by hand: Foundation reads back what was written")
struct JSONValueTests {
    /// Characters a body can carry: every control character, quotes, backslashes, slashes, CJK, astral
    /// emoji, combining marks and the line separators JavaScript once choked on. Not U+FEFF: Foundation's
    /// parser drops it wherever it stands (Python's keeps it), so ``exactBytes()`` checks it is written as is.
    static let alphabet: [String] =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
            "\"", "\\", "/", "a", "Z", "0", " ", "底", "线", "户", "\u{3000}", "😀", "e\u{301}", "\u{2028}", "\u{2029}",
            "\u{7F}",
        ]

    static func randomString(_ random: inout SeededRandom) -> String {
        (0..<random.below(12)).map { _ in random.pick(alphabet) }.joined()
    }

    static func randomValue(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
        switch depth > 2 ? random.below(2) : random.below(4) {
        case 0: return .string(randomString(&random))
        case 1: return .bool(random.below(2) == 0)
        case 2: return .array((0..<random.below(4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.below(5) { members[randomString(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    /// What Foundation's parser read, as a value to compare.
    static func value(parsed: Any) -> JSONValue? {
        if let text = parsed as? String { return .string(text) }
        if let items = parsed as? [Any] {
            let values = items.compactMap(value(parsed:))
            return values.count == items.count ? .array(values) : nil
        }
        if let members = parsed as? [String: Any] {
            let values = members.compactMapValues(value(parsed:))
            return values.count == members.count ? .object(values) : nil
        }
        if let flag = parsed as? Bool { return .bool(flag) }
        return nil
    }

    @Test("2,000 random documents parse back to themselves")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x150E)
        for _ in 0..<2_000 {
            let value = Self.randomValue(&random)
            let parsed = try JSONSerialization.jsonObject(with: Data(value.bytes), options: [.fragmentsAllowed])
            #expect(Self.value(parsed: parsed) == value, "\(String(decoding: value.bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test("keys in code-point order, slashes as they are, control characters escaped")
    func exactBytes() {
        let value = JSONValue.object([
            "b": .string("https://x/y"), "a": .array([.bool(true), .bool(false)]), "户": .string("\"\\\n\u{1}\u{FEFF}"),
            "B": .object([:]),
        ])
        #expect(String(decoding: value.bytes, as: UTF8.self) == #"{"B":{},"a":[true,false],"b":"https://x/y","户":"\"\\\n\u0001\#u{FEFF}"}"#)
    }
}
