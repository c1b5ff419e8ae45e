import DixianCore
import DixianScreening
import Foundation
import Testing

@Suite("Rule language: syntax and types")
struct RuleConditionTests {
    static let schema = RuleSchema(
        columns: [
            .init(name: "resident_id", type: .string), .init(name: "birth_date", type: .date),
            .init(name: "enrolled", type: .bool), .init(name: "visits", type: .int),
            .init(name: "out_of_pocket", type: .double), .init(name: "household_type", type: .string),
        ],
        parameters: ["min_visits": .int, "threshold": .double, "groups": .list(.string)])

    func error(_ text: String) -> RuleError? {
        do {
            _ = try RuleCondition(text, schema: Self.schema)
            return nil
        } catch {
            return error
        }
    }

    @Test("the shipped shapes check", arguments: [
        "age(birth_date) >= 6 && age(birth_date) <= 15 && !enrolled",
        "household_type in ['脱贫户', '监测户'] && enrolled",
        "visits < params.min_visits",
        "out_of_pocket >= params.threshold",
        "household_type in params.groups",
        "months_between(birth_date, today()) > 12",
        "person.is_disabled && household.income_per_capita < 7800.0",
        "visits > 0 ? out_of_pocket > 1.5 : enrolled",
        "household_type.startsWith('脱') || size(household_type) == 3 || household_type.size() == 2",
        "birth_date < date(\"2020-01-01\")",
    ])
    func accepted(_ text: String) {
        #expect(error(text) == nil, "\(String(describing: error(text)))")
    }

    @Test("errors point at the offending column", arguments: [
        ("visits < params.min_visit", RuleError.Code.unknownName, 16),
        ("visits < 2.5", .type, 7),
        ("out_of_pocket >= 5000", .type, 14),
        ("enrolled && visit > 1", .unknownName, 12),
        ("enrolled and visits > 1", .syntax, 9),
        ("not enrolled", .syntax, 0),
        ("visits < $min_visits", .syntax, 9),
        ("visits", .type, 0),
        ("enrolled < true", .type, 9),
        ("age(visits) > 1", .type, 4),
        ("frobnicate(visits)", .unknownFunction, 0),
        ("'unterminated", .syntax, 0),
        ("visits == null", .syntax, 10),
        ("household_type in [visits]", .type, 19),
        ("enrolled ? 1 : 'a'", .type, 15),
        ("visits > 1 )", .syntax, 11),
        ("", .syntax, 0),
        ("date('2026-02-30') < birth_date", .type, 5),
        ("person.shoe_size > 1", .unknownName, 7),
    ])
    func rejected(_ text: String, _ code: RuleError.Code, _ offset: Int) throws {
        let found = try #require(error(text))
        #expect(found.code == code, "\(found)")
        #expect(found.offset == offset, "\(found)")
        #expect(found.message.contains("("), "Chinese first, then English: \(found.message)")
    }

    @Test("int and double never mix, and the error says how to write a double")
    func numericMixHint() throws {
        let found = try #require(error("out_of_pocket >= 5000"))
        #expect(found.hint?.contains("5000.0") == true)
    }

    @Test("nesting beyond the limit is an error, not a crash")
    func deepNesting() throws {
        let text = String(repeating: "(", count: 500) + "enrolled" + String(repeating: ")", count: 500)
        #expect(error(text)?.code == .syntax)
        let negations = String(repeating: "!", count: 500) + "enrolled"
        #expect(error(negations)?.code == .syntax)
    }

    @Test("a dataset without resident_id cannot read the register")
    func registerNeedsResidentID() throws {
        let schema = RuleSchema(columns: [.init(name: "visits", type: .int)], parameters: [:])
        #expect(throws: RuleError.self) { try RuleCondition("person.is_disabled", schema: schema) }
    }
}
