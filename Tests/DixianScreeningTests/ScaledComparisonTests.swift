import DixianCore
import DixianScreening
import DixianTestSupport
import Foundation
import Testing

/// `x * k1 OP y * k2` with known factors compiles to `x OP y * (k2 / k1)` when the quotient is an exact decimal;
/// the evaluator keeps the rule's form. Both must agree on every operator, at the boundary where the two sides are
/// equal, around zero, with negative values and with missing ones.
@Suite("Rule language: scaled comparisons compiled with one multiplication", .serialized)
struct ScaledComparisonTests {
    static let context = DifferentialTests.context

    static let values: [Decimal?] = [nil, 0, 1, -1, 70, 100, 69.99, 70.01, 0.7, 33.33, 12.5, 1_000_000].map { $0.map { Decimal($0) } }

    static let rows: [DictionaryRow] = values.flatMap { a in
        values.map { b in
            var columns: [String: ScreeningValue] = [:]
            if let a { columns["d1"] = .double(Decimal(string: "\(a)")!) }
            if let b { columns["d2"] = .double(Decimal(string: "\(b)")!) }
            return DictionaryRow(columns: columns)
        }
    }

    static var conditions: [String] {
        let shapes = [
            "d1 * 100.0 OP d2 * (100.0 - params.p_dbl)", "100.0 * d1 OP d2 * 70.0", "d1 * 100.0 OP 70.0 * d2",
            "d1 * 2.0 OP d2 * params.p_dbl", "d1 * 3.0 OP d2 * 1.0", "d1 * -2.0 OP d2 * 1.0", "d1 * 0.0 OP d2 * 1.0",
            "d1 * params.p_dbl OP d2 * (params.p_dbl * 2.0 + 0.5)",
        ]
        return shapes.flatMap { shape in ["<", "<=", ">", ">=", "==", "!="].map { shape.replacingOccurrences(of: "OP", with: $0) } }
    }

    @Test("one multiplication where the quotient is exact and the left factor positive; the written form otherwise")
    func compiledShape() throws {
        let compiler = SQLCompiler()
        func multiplications(_ text: String) throws -> Int {
            let fragment = compiler.compile(try RuleCondition(text, schema: ExpressionGenerator.schema), context: Self.context)
            return fragment.text.components(separatedBy: " * ").count - 1
        }
        #expect(try multiplications("d1 * 100.0 < d2 * (100.0 - params.p_dbl)") == 1)
        #expect(try multiplications("100.0 * d1 >= d2 * 70.0") == 1)
        #expect(try multiplications("d1 * 3.0 < d2 * 1.0") == 2, "1/3 is no exact decimal")
        #expect(try multiplications("d1 * -2.0 < d2 * 1.0") == 2, "a negative factor would turn the comparison")
        #expect(try multiplications("d1 * 100.0 == d2 * 70.0") == 2, "only order comparisons")
        #expect(try multiplications("d1 * d2 < d2 * 70.0") == 2, "a factor read from the row")
    }

    @Test("memory equals the compiled SQL on 48 scaled comparisons × 144 rows")
    func memoryAgreesWithSQL() async throws {
        let conditions = try Self.conditions.map { try RuleCondition($0, schema: ExpressionGenerator.schema) }
        #expect(conditions.count == 48 && Self.rows.count == 144)
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
                try await SQLHarness.load(Self.rows, into: client)
                var mismatches: [String] = []
                var answers: [Bool?] = []
                for condition in conditions {
                    let sql = try await SQLHarness.evaluate(condition, context: Self.context, on: client)
                    let memory = Self.rows.map { condition.evaluate($0, in: Self.context) }
                    answers += memory
                    if sql != memory {
                        let first = zip(Self.rows, zip(memory, sql)).first { $0.1.0 != $0.1.1 }
                        mismatches.append("\(condition.text): first at \(String(describing: first))")
                    }
                }
                #expect(mismatches.isEmpty, "\(mismatches.count) disagreements, first: \(mismatches.prefix(3))")
                #expect(answers.contains(true) && answers.contains(false) && answers.contains(nil))
            }
        }
    }
}
