import DixianCore
import DixianTabular
import Foundation
import Testing

/// Plain ASCII numbers and `YYYY-MM-DD` dates are read by a shortcut; the same text in full-width characters
/// goes the general way. Both must give the same value, or the same refusal, for every text.
@Suite("Cell parsers: the plain-text shortcut agrees with the general reader")
struct PlainFastPathTests {
    /// `12` → `１２`: ASCII digits and punctuation to their full-width forms, which only the general path reads.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
        }))
    }

    static func outcome<T>(_ body: () throws -> T) -> String {
        do { return "\(try body())" } catch let error as TabularCellError { return "error \(error.code)" } catch { return "\(error)" }
    }

    @Test("5,000 numbers: decimal and integer, shortcut against full width")
    func numbers() {
        var random = SeededRandom(seed: 4_242)
        for _ in 0..<5_000 {
            var text = random.below(4) == 0 ? "-" : ""
            text += String((0..<(random.below(12) + (random.below(9) == 0 ? 0 : 1))).map { _ in Character(String(random.below(10))) })
            if random.below(2) == 0 {
                text += "." + String((0..<random.below(5)).map { _ in random.below(3) == 0 ? "0" : Character(String(random.below(10))) })
            }
            let wide = Self.fullWidth(text)
            #expect(Self.outcome { try TabularCellParser.decimal(text) } == Self.outcome { try TabularCellParser.decimal(wide) }, "\(text)")
            #expect(Self.outcome { try TabularCellParser.integer(text) } == Self.outcome { try TabularCellParser.integer(wide) }, "\(text)")
        }
    }

    @Test("5,000 dates, impossible ones included: shortcut against full width")
    func dates() {
        var random = SeededRandom(seed: 4_343)
        for _ in 0..<5_000 {
            let year = random.below(2_200)
            let text = String(format: "%04ld-%02ld-%02ld", year, random.below(14), random.below(33))
            let wide = Self.fullWidth(text)
            #expect(Self.outcome { try TabularCellParser.date(text) } == Self.outcome { try TabularCellParser.date(wide) }, "\(text)")
        }
        #expect(Self.outcome { try TabularCellParser.date("2024-02-29") } == "2024-02-29")
        #expect(Self.outcome { try TabularCellParser.date("2026-02-29") } == "error invalid_date")
    }
}
