import DixianCore
import DixianScreening
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The three engines of the rule language against each other on generated expressions and rows: the in-memory
/// evaluator, the SQL compiler on the real PostgreSQL, and PyPI's cel-python, with a missing value as SQL's NULL
/// and CEL's error.
@Suite("Rule language: memory, SQL and cel-python agree", .serialized)
struct DifferentialTests {
    static let asOf = CalendarDate(year: 2026, month: 7, day: 15)!
    static let context = ScreeningContext(asOf: asOf, parameters: ExpressionGenerator.parameters)

    /// Generated expressions, each checked by the type checker (a generator bug would fail here, not hide).
    static func cases(count: Int, seed: UInt64, dates: Bool) throws -> (conditions: [RuleCondition], rows: [DictionaryRow]) {
        var generator = ExpressionGenerator(random: SeededRandom(seed: seed), includeDates: dates)
        let rows = (0..<6).map { _ in generator.row() }
        var conditions: [RuleCondition] = []
        for _ in 0..<count {
            let text = generator.expression(.bool, depth: 3)
            conditions.append(try RuleCondition(text, schema: ExpressionGenerator.schema))
        }
        return (conditions, rows)
    }

    @Test("5,000 expressions × 6 rows: memory equals cel-python",
          .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3 with cel-python"))
    func memoryAgreesWithCELPython() async throws {
        let (conditions, rows) = try Self.cases(count: 5_000, seed: 12, dates: false)
        let texts = conditions.map(\.text)
        let parameters = Self.context.parameters
        let oracle = try await CELOracle.evaluate(texts, rows: rows, parameters: parameters)
        #expect(oracle.count == conditions.count)
        var mismatches: [String] = []
        for (condition, answers) in zip(conditions, oracle) {
            let memory = rows.map { condition.evaluate($0, in: Self.context) }
            if memory != answers { mismatches.append("\(condition.text): memory \(memory) cel-python \(answers)") }
        }
        #expect(mismatches.count == 0, "disagreements, first: \(mismatches.prefix(3))")
        // The generator must exercise all three answers, or the agreement says little.
        let all = conditions.flatMap { condition in rows.map { condition.evaluate($0, in: Self.context) } }
        #expect(all.filter { $0 == nil }.count > all.count / 20)
        #expect(all.filter { $0 == true }.count > all.count / 5)
        #expect(all.filter { $0 == false }.count > all.count / 5)
    }

    @Test("5,000 expressions without dates and 2,000 with: memory equals the compiled SQL")
    func memoryAgreesWithSQL() async throws {
        let plain = try Self.cases(count: 5_000, seed: 12, dates: false)
        let dated = try Self.cases(count: 2_000, seed: 34, dates: true)
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
                for (conditions, rows) in [plain, dated] {
                    try await SQLHarness.load(rows, into: client)
                    var mismatches: [String] = []
                    for condition in conditions {
                        let sql = try await SQLHarness.evaluate(condition, context: Self.context, on: client)
                        let memory = rows.map { condition.evaluate($0, in: Self.context) }
                        if sql != memory { mismatches.append("\(condition.text): memory \(memory) SQL \(sql)") }
                    }
                    #expect(mismatches.count == 0, "disagreements, first: \(mismatches.prefix(3))")
                }
            }
        }
    }
}

/// Runs scripts/cel-oracle.py on a batch.
enum CELOracle {
    static func evaluate(
        _ expressions: [String], rows: [DictionaryRow], parameters: [String: ScreeningValue]
    ) async throws -> [[Bool?]] {
        let document: [String: Any] = [
            "params": parameters.mapValues(json),
            "rows": rows.map { $0.columns.mapValues(json) },
            "expressions": expressions,
        ]
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/cel-oracle.py")
        let result = try await PythonInterpreter.run(arguments: [script.path], input: try JSONSerialization.data(withJSONObject: document))
        let (data, problems) = (result.output, String(decoding: result.errors, as: UTF8.self))
        try #require(result.status == 0, Comment(rawValue: "cel-oracle failed: \(problems)"))
        #expect(!problems.contains("PARSE"), "cel-python could not parse: \(problems.prefix(500))")
        let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        return decoded.map { entry in
            guard let answers = entry as? [Any] else { return [] }
            return answers.map { $0 as? Bool }
        }
    }

    static func json(_ value: ScreeningValue) -> Any {
        switch value {
        case .int(let number): ["int": String(number)]
        case .double(let number): ["double": "\(number)"]
        case .string(let text): ["string": text]
        case .bool(let flag): ["bool": flag]
        case .date(let date): ["string": date.description]
        case .list(let items): ["list": items.map(json)]
        }
    }
}
