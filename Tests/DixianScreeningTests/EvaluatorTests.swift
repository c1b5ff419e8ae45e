import DixianCore
import DixianScreening
import Foundation
import Testing

@Suite("Rule language: evaluation")
struct EvaluatorTests {
    static let asOf = CalendarDate(year: 2026, month: 7, day: 15)!
    static let context = ScreeningContext(
        asOf: asOf, parameters: ["min_visits": .int(2), "threshold": .double(Decimal(string: "0.5")!)])

    func evaluate(_ text: String, _ columns: [String: ScreeningValue]) throws -> Bool? {
        try RuleCondition(text, schema: RuleConditionTests.schema)
            .evaluate(DictionaryRow(columns: columns), in: Self.context)
    }

    @Test("missing values follow three-valued logic")
    func missingValues() throws {
        #expect(try evaluate("enrolled && false", [:]) == false)
        #expect(try evaluate("enrolled || true", [:]) == true)
        #expect(try evaluate("enrolled && true", [:]) == nil)
        #expect(try evaluate("!enrolled", [:]) == nil)
        #expect(try evaluate("visits < params.min_visits", [:]) == nil)
        #expect(try evaluate("enrolled ? true : false", [:]) == nil)
        #expect(try evaluate("household_type in []", [:]) == nil)
        #expect(try evaluate("household_type in []", ["household_type": .string("x")]) == false)
    }

    @Test("integer division truncates toward zero and division by zero is missing")
    func division() throws {
        #expect(try evaluate("visits / 2 == -3", ["visits": .int(-7)]) == true)
        #expect(try evaluate("visits % 3 == -1", ["visits": .int(-7)]) == true)
        #expect(try evaluate("visits / 0 == 1", ["visits": .int(7)]) == nil)
        #expect(try evaluate("visits * 9223372036854775807 > 0", ["visits": .int(2)]) == nil)
    }

    @Test("decimals are exact: 0.1 + 0.2 == 0.3 as PostgreSQL's numeric says")
    func exactDecimals() throws {
        #expect(try evaluate("out_of_pocket + 0.2 == 0.3", ["out_of_pocket": .double(Decimal(string: "0.1")!)]) == true)
        #expect(try evaluate("out_of_pocket >= params.threshold", ["out_of_pocket": .double(Decimal(string: "0.5")!)]) == true)
    }

    @Test("age counts whole years at the as-of date, 29 February included", arguments: [
        ("2010-07-15", 16), ("2010-07-16", 15), ("2008-02-29", 18), ("2026-07-16", 0), ("2027-07-15", -1),
    ])
    func age(_ birth: String, _ years: Int) throws {
        #expect(try evaluate("age(birth_date) == \(years)", ["birth_date": .date(CalendarDate(parsing: birth)!)]) == true)
    }

    @Test("strings compare by code point, not by canonical equivalence")
    func codePoints() throws {
        let composed = "\u{e9}"
        let decomposed = "e\u{301}"
        #expect(try evaluate("household_type == '\(composed)'", ["household_type": .string(decomposed)]) == false)
        #expect(try evaluate("household_type < 'f'", ["household_type": .string(decomposed)]) == true)
        #expect(try evaluate("size(household_type) == 2", ["household_type": .string(decomposed)]) == true)
    }
}
