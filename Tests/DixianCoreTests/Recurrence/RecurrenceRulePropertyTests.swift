import DixianCore
import Testing

/// Properties of the RRULE parser: every valid rule survives format → parse unchanged, whatever the
/// order its parts were written in, and no input makes it crash.
@Suite struct RecurrenceRulePropertyTests {
    /// A random rule of the plugin subset: valid by construction.
    static func randomRule(using generator: inout SeededRandom) -> RecurrenceRule {
        let frequency = RecurrenceRule.Frequency.allCases.randomElement(using: &generator)!
        var rule = RecurrenceRule(frequency: frequency)
        func some<T>(_ make: (inout SeededRandom) -> T) -> [T] {
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in make(&generator) }
        }
        func signed(_ range: ClosedRange<Int>, _ generator: inout SeededRandom) -> Int {
            Int.random(in: range, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
        }
        if Bool.random(using: &generator) { rule.interval = Int.random(in: 1...999, using: &generator) }
        if Bool.random(using: &generator) { rule.byMonth = some { Int.random(in: 1...12, using: &$0) } }
        if Bool.random(using: &generator) { rule.byMonthDay = some { signed(1...31, &$0) } }
        if Bool.random(using: &generator) {
            let ordinals = frequency == .monthly || frequency == .yearly
            rule.byDay = some { generator in
                let weekday = Weekday.allCases.randomElement(using: &generator)!
                let ordinal = ordinals && Bool.random(using: &generator) ? signed(1...53, &generator) : nil
                return RecurrenceRule.WeekdayNumber(ordinal: ordinal, weekday: weekday)
            }
        }
        if rule.hasSelector, Bool.random(using: &generator) { rule.bySetPosition = some { signed(1...366, &$0) } }
        if Bool.random(using: &generator) { rule.weekStart = Weekday.allCases.randomElement(using: &generator) }
        return rule
    }

    @Test func formattedRulesParseBackUnchanged() throws {
        var generator = SeededRandom(seed: 0x5EED_0001)
        for _ in 0..<5_000 {
            let rule = Self.randomRule(using: &generator)
            let text = rule.description
            #expect(try RecurrenceRule(parsing: text) == rule, "\(text)")
        }
    }

    @Test func partOrderAfterFrequencyDoesNotMatter() throws {
        var generator = SeededRandom(seed: 0x5EED_0002)
        for _ in 0..<2_000 {
            let rule = Self.randomRule(using: &generator)
            var parts = rule.description.split(separator: ";").map(String.init)
            let frequency = parts.removeFirst()
            let shuffled = ([frequency] + parts.shuffled(using: &generator)).joined(separator: ";")
            #expect(try RecurrenceRule(parsing: shuffled) == rule, "\(shuffled)")
        }
    }

    @Test func randomTextNeverCrashesAndErrorsPointInsideTheText() {
        let fragments = [
            "FREQ", "=", ";", ",", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "INTERVAL", "BYMONTH", "BYMONTHDAY",
            "BYDAY", "BYSETPOS", "WKST", "COUNT", "UNTIL", "-", "+", "0", "1", "5", "12", "31", "53", "366", "999",
            "99999999999999999999", "MO", "FR", "SU", "XX", " ", "freq", "中", "😀", "\u{0}", "\n",
        ]
        var generator = SeededRandom(seed: 0x5EED_0003)
        var parsed = 0
        for _ in 0..<20_000 {
            // Half the inputs start like a rule, so that some of them are valid.
            let start = Bool.random(using: &generator) ? "FREQ=MONTHLY" : ""
            let count = Int.random(in: 0...10, using: &generator)
            let text = start + (0..<count).map { _ in fragments.randomElement(using: &generator)! }.joined()
            do {
                let rule = try RecurrenceRule(parsing: text)
                parsed += 1
                // Whatever parses must format to something that parses to the same rule.
                #expect(try RecurrenceRule(parsing: rule.description) == rule)
            } catch {
                #expect(error.offset >= 0 && error.offset <= text.unicodeScalars.count, "\(text): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    @Test func mutatedValidRulesNeverCrash() {
        var generator = SeededRandom(seed: 0x5EED_0004)
        for _ in 0..<5_000 {
            var scalars = Array(Self.randomRule(using: &generator).description.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0...scalars.count, using: &generator)
                let scalar = Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator))
                if index < scalars.count, Bool.random(using: &generator) {
                    scalars[index] = scalar
                } else {
                    scalars.insert(scalar, at: index)
                }
            }
            let text = String(String.UnicodeScalarView(scalars))
            do {
                _ = try RecurrenceRule(parsing: text)
            } catch {
                #expect(error.offset <= scalars.count)
            }
        }
    }
}
