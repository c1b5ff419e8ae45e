import DixianCore
import Foundation
import Testing

@testable import DixianLinks

@Suite("Confirmation form (POST body)")
struct ConfirmationFormTests {
    func parse(_ body: String) throws(ConfirmationFormError) -> ConfirmationForm {
        try ConfirmationForm.parse(Array(body.utf8))
    }

    @Test("a browser's body: number, UTF-8 note with + and %XX, CRLF line breaks")
    func browserBody() throws {
        let form = try parse("achieved=12.5&note=%E5%B7%B2%E8%B5%B0%E8%AE%BF+20%E6%88%B7%0D%0A%E7%AC%AC%E4%BA%8C%E8%A1%8C")
        #expect(form.achieved == Decimal(string: "12.5"))
        #expect(form.note == "已走访 20户\n第二行")
    }

    @Test("absent or blank fields are nil; unknown fields are ignored", arguments: [
        "", "achieved=&note=", "note=+++%0D%0A", "x=1&y", "achieved=%20%E3%80%80",
    ])
    func blanks(_ body: String) throws {
        #expect(try parse(body) == ConfirmationForm(achieved: nil, note: nil))
    }

    @Test("numbers: plain, decimal, full-width digits, surrounding spaces", arguments: [
        ("0", "0"), ("20", "20"), ("3.5", "3.5"), ("%EF%BC%91%EF%BC%92%EF%BC%8E%EF%BC%95", "12.5"),
        ("+7+", "7"), ("000123.450000", "123.45"), ("999999999999999.999999", "999999999999999.999999"),
    ])
    func numbers(_ field: String, _ expected: String) throws {
        #expect(try parse("achieved=\(field)").achieved == Decimal(string: expected))
    }

    @Test("anything else in the number field is not a number, and the typed text comes back", arguments: [
        "abc", "-1", "1.2.3", "1e5", "12%2C000", ".5", "5.", "0x10", "1234567890123456", "1.1234567", "%E5%8D%81",
        "NaN", "%2B5",
    ])
    func notNumbers(_ field: String) {
        let error = #expect(throws: ConfirmationFormError.self) { try parse("achieved=\(field)&note=hi") }
        #expect(error?.code == .notANumber)
        #expect(error?.noteText == "hi")
        #expect(error?.achievedText.isEmpty == false)
        #expect(error?.message.contains("数字") == true)
    }

    @Test("notes: at most 2000 characters, counted as characters not bytes")
    func noteLength() throws {
        let longest = String(repeating: "备", count: ConfirmationForm.maximumNoteLength)
        #expect(try parse("note=" + FormTestEncoder.encode(longest)).note == longest)
        let error = #expect(throws: ConfirmationFormError.self) {
            try parse("note=" + FormTestEncoder.encode(longest + "注"))
        }
        #expect(error?.code == .noteTooLong)
        #expect(error?.context["characters"] == "2001")
        #expect(error?.message.contains("2000") == true)
    }

    @Test("control characters are dropped from notes, line breaks kept")
    func noteControls() throws {
        #expect(try parse("note=a%00b%0Bc%0Dd%0Ae%09f").note == "abc\nd\ne\tf")
    }

    @Test("malformed bodies", arguments: ["%", "%4", "%zz", "note=%E5%B7", "note=%FF", "achieved=1&note=%C0%80"])
    func malformed(_ body: String) {
        let error = #expect(throws: ConfirmationFormError.self) { try parse(body) }
        #expect(error?.code == .malformedBody)
    }

    @Test("a repeated field is refused, an oversized body too")
    func duplicatesAndSize() {
        let duplicate = #expect(throws: ConfirmationFormError.self) { try parse("achieved=1&achieved=2") }
        #expect(duplicate?.code == .duplicateField)
        let big = #expect(throws: ConfirmationFormError.self) {
            try parse("note=" + String(repeating: "a", count: ConfirmationForm.maximumBodyLength))
        }
        #expect(big?.code == .malformedBody)
    }

    @Test("property: any strings round-trip through the encoder and decoder (seeded)")
    func roundTrip() {
        var random = SeededRandom(seed: 0x51)
        for round in 0..<2000 {
            let pairs = (0..<random.below(5)).map { _ in
                (FormTestEncoder.randomText(&random, maxLength: 12), FormTestEncoder.randomText(&random, maxLength: 40))
            }
            let body = pairs.map { FormTestEncoder.encode($0.0) + "=" + FormTestEncoder.encode($0.1) }.joined(separator: "&")
            let decoded = FormURLEncoding.decode(Array(body.utf8))
            #expect(decoded?.map(\.name) == pairs.map(\.0), "round \(round)")
            #expect(decoded?.map(\.value) == pairs.map(\.1), "round \(round)")
        }
    }

    @Test("property: a note and a number survive a form submission (seeded)")
    func submission() throws {
        var random = SeededRandom(seed: 0x52)
        for round in 0..<1000 {
            let note = FormTestEncoder.randomText(&random, maxLength: 80, controls: false)
            let number = "\(random.below(1_000_000))" + (random.below(2) == 0 ? "" : ".\(random.below(100) + 1)")
            let form = try parse("note=\(FormTestEncoder.encode(note))&achieved=\(number)")
            let expectedNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(form.note == (expectedNote.isEmpty ? nil : expectedNote), "round \(round)")
            #expect(form.achieved == Decimal(string: number), "round \(round)")
        }
    }

    @Test("property: random bytes parse or give a typed error, never trap (seeded)")
    func garbage() {
        var random = SeededRandom(seed: 0x53)
        var parsed = 0
        var refused = 0
        let pieces = ["achieved=", "note=", "&", "=", "%", "%E5", "%B7", "+", "1", ".", "%0D%0A", "é"].map { Array($0.utf8) }
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(20) {
                if random.below(3) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += random.pick(pieces)
                }
            }
            do {
                let form = try ConfirmationForm.parse(bytes)
                parsed += 1
                #expect(form.note.map { !$0.contains("\r") && !$0.isEmpty } ?? true, "notes are normalised: \(bytes)")
                #expect(form.achieved.map { $0 >= 0 } ?? true, "\(bytes)")
            } catch is ConfirmationFormError {
                refused += 1
            } catch {
                Issue.record("an untyped error for \(bytes): \(error)")
            }
        }
        #expect(parsed > 0 && refused > 0, "the inputs reach both outcomes: \(parsed) parsed, \(refused) refused")
    }
}

/// A test-side `application/x-www-form-urlencoded` encoder, written independently of the decoder:
/// unreserved ASCII as is, space as `+`, every other UTF-8 byte as `%XX`.
enum FormTestEncoder {
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "*"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }

    /// Chinese, ASCII (with the form's own delimiters), emoji and, unless excluded, control characters.
    static func randomText(_ random: inout SeededRandom, maxLength: Int, controls: Bool = true) -> String {
        let ascii = Array(" abcXYZ019&=+%;,.\\\"'<>/?#")
        let chinese = Array("防返贫监测走访户数已完成备注七家镇村社区，。、：（）「」")
        let other: [Character] = ["😀", "👩‍👩‍👧", "é", "\u{3000}", "ｱ"]
        let control: [Character] = ["\n", "\t", "\r\n", "\u{0}", "\u{7F}"]
        var text = ""
        for _ in 0..<random.below(maxLength + 1) {
            switch random.below(controls ? 10 : 9) {
            case 0...3: text.append(random.pick(ascii))
            case 4...7: text.append(random.pick(chinese))
            case 8: text.append(random.pick(other))
            default: text.append(random.pick(control))
            }
        }
        return text
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
