import DixianMustache
import Mustache
import Testing

/// Property tests against swift-mustache, the reference: on random templates and random contexts the typed
/// renderer accepts what swift-mustache accepts (outside the constructs it leaves to it) and writes the same text.
@Suite struct TypedTemplateReferenceTests {
    /// SplitMix64: the same sequence on every run, so a failure names a case that repeats.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let keys = ["a", "b", "s", "list", "flag", "obj", "x"]
    static let strings = ["", "甲", "<&\"'>", "a\u{301}", "<\u{338}", "two words", "line\nbreak"]

    static func value(depth: Int, _ random: inout Random) -> MustacheValue {
        switch Int.random(in: 0..<(depth > 2 ? 2 : 4), using: &random) {
        case 0: return .string(strings.randomElement(using: &random)!)
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .list((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth + 1, &random) })
        default: return object(depth: depth + 1, &random)
        }
    }

    static func object(depth: Int, _ random: inout Random) -> MustacheValue {
        var fields: [String: MustacheValue] = [:]
        for key in keys where Bool.random(using: &random) { fields[key] = value(depth: depth, &random) }
        return .object(fields)
    }

    static let names = ["a", "b", "s", "list", "flag", "obj", "x", "missing", ".", ".a", "obj.a", "obj.list", "a.b.s", " a ", "a.", "..", "obj..x"]
    static let texts = ["x", " ", "  ", "\t", "\n", "\r\n", "{", "}", "中文", "<", "&", "\u{2028}", "\r"]

    /// A template of the subset: text, variables of the three kinds, comments, pragmas and nested sections.
    static func template(depth: Int, _ random: inout Random) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let name = names.randomElement(using: &random)!
            switch Int.random(in: 0..<(depth > 2 ? 7 : 9), using: &random) {
            case 0, 1: text += texts.randomElement(using: &random)!
            case 2: text += "{{\(name)}}"
            case 3: text += Bool.random(using: &random) ? "{{{\(name)}}}" : "{{& \(name)}}"
            case 4: text += "{{! note }}"
            case 5: text += "{{% CONTENT_TYPE: \(Bool.random(using: &random) ? "HTML" : "TEXT") }}"
            case 6: text += "\n" + String(repeating: " ", count: Int.random(in: 0...2, using: &random))
            default:
                let sigil = Bool.random(using: &random) ? "#" : "^"
                let pad = Bool.random(using: &random) ? "\n" : ""
                text += "{{\(sigil)\(name)}}\(pad)\(template(depth: depth + 1, &random))\(pad){{/\(name)}}"
            }
        }
        return text
    }

    static func reference(_ text: String, _ context: MustacheValue) -> String? {
        (try? MustacheTemplate(string: text))?.render(context.anyValue)
    }

    @Test func generatedTemplatesRenderAsSwiftMustacheRendersThem() throws {
        var random = Random(state: 17)
        var compared = 0
        for _ in 0..<4_000 {
            let text = Self.template(depth: 0, &random)
            let context = Self.object(depth: 0, &random)
            guard let expected = Self.reference(text, context) else { continue }
            let typed = try TypedTemplate(parsing: text)
            #expect(typed.render(context) == expected, "template \(text.debugDescription)")
            compared += 1
        }
        #expect(compared > 3_000)
    }

    /// Fragments of tags and text in any order: both parsers accept the same texts, and render them alike.
    @Test func tagSoupIsAcceptedAndRenderedAlike() {
        let pieces = ["{{", "}}", "{", "}", "#", "^", "/", "!", "&", "%", " ", "\t", "\n", "\r\n", "a", "b", ".", "x", "CONTENT_TYPE: HTML", "CONTENT_TYPE:TEXT", "\u{301}"]
        var random = Random(state: 29)
        var accepted = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let context = Self.object(depth: 0, &random)
            let expected = Self.reference(text, context)
            let typed = try? TypedTemplate(parsing: text)
            #expect((typed == nil) == (expected == nil), "template \(text.debugDescription): reference \(expected == nil ? "rejects" : "accepts")")
            if let typed, let expected {
                #expect(typed.render(context) == expected, "template \(text.debugDescription)")
                accepted += 1
            }
        }
        #expect(accepted > 1_000)
    }
}
