import DixianCore
import Testing

/// Random text around random valid ID numbers: none survives, and text without ID-like runs is untouched.
@Suite("PersonalDataMask properties")
struct PersonalDataMaskPropertyTests {
    /// Pieces of text that never form a run of 15 or more digits on their own.
    static let separators = ["：", " ", "，", "号", "\n", "("]
    static let fillers = ["户主", "身份证号：", " ", "，", "\n", "ID ", "abc", "X", "2026年7月31日", "电话1380013", "é", "🙂", "-"]

    @Test("no embedded 18-character ID number survives masking", arguments: (0 as UInt64)..<20)
    func noIDSurvives(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<50 {
            var text = ""
            var ids: [String] = []
            for _ in 0..<(1 + random.below(6)) {
                // A separator keeps fillers ending or starting with digits from lengthening the run.
                text += Self.filler(&random) + random.pick(Self.separators)
                let id = Self.idNumber(&random)
                ids.append(id)
                text += id + random.pick(Self.separators) + Self.filler(&random)
            }
            let masked = PersonalDataMask.maskingIDNumbers(in: text)
            for id in ids {
                #expect(!masked.contains(id), "seed \(seed): \(id) survived in \(masked)")
            }
            #expect(Self.longestIDLikeRun(in: masked) < 15, "seed \(seed): \(masked)")
            #expect(masked.count == text.count)
        }
    }

    @Test("text without ID-like digit runs comes back unchanged", arguments: (0 as UInt64)..<20)
    func unchanged(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<50 {
            var text = ""
            for _ in 0..<random.below(30) {
                text += Self.filler(&random)
                if random.below(3) == 0 {
                    // A run of digits of a length that is never masked, closed by a filler that starts
                    // with a non-digit (fillers all do).
                    let lengths = [1, 4, 6, 12, 14, 16, 17, 19, 20]
                    text += String((0..<random.pick(lengths)).map { _ in Character(String(random.below(10))) })
                    text += "号"
                }
            }
            #expect(PersonalDataMask.maskingIDNumbers(in: text) == text)
        }
    }

    /// A valid resident ID number (GB 11643): 6-digit area, birth date, sequence, mod-11 check character.
    static func idNumber(_ random: inout SeededRandom) -> String {
        let area = random.pick(["110101", "360102", "440305", "510104", "652901"])
        let year = 1930 + random.below(90)
        let month = 1 + random.below(12)
        let day = 1 + random.below(28)
        let sequence = random.below(1000)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: width - digits.count) + digits
        }
        let body = area + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(sequence, 3)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    static func filler(_ random: inout SeededRandom) -> String {
        random.pick(fillers)
    }

    /// The longest run of ASCII digits (an `X` after 17 digits counting as one).
    static func longestIDLikeRun(in text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            if character.isASCII, character.isNumber || (run == 17 && (character == "X" || character == "x")) {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return longest
    }
}
