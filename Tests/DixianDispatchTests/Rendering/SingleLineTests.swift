import DixianCore
import Foundation
import Testing

@testable import DixianDispatch

@Suite("A subject on one line: the quick check for lines already single agrees with splitting and trimming")
struct SingleLineTests {
    /// The rule in full, as it was before the quick check: split at line breaks, trim, drop empty lines.
    static func reference(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    static let alphabet = [
        "a", "任", "务", " ", "\t", "\u{3000}", "\u{A0}", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}",
        "\u{2029}", "\u{301}", "😀",
    ]

    @Test("5,000 random subjects")
    func agreesWithTheRule() {
        var random = SeededRandom(seed: 0x5B1)
        for _ in 0..<5_000 {
            let text = (0..<random.below(8)).map { _ in random.pick(Self.alphabet) }.joined()
            #expect(text.renderedSingleLine == Self.reference(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
