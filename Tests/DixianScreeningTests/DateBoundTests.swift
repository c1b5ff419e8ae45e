import DixianCore
import DixianScreening
import DixianTestSupport
import Testing

/// `age(x) OP k` and `months_between(x, END) OP k` compile to one date comparison when `k` and `END` are known;
/// the evaluator keeps the definition. Both must agree on every operator, on thresholds around zero and on
/// dates at month ends and 29 February.
@Suite("Rule language: date comparisons compiled as bounds", .serialized)
struct DateBoundTests {
    static let context = DifferentialTests.context

    /// Days 1, 2, 15 and 28–31 of every month of 2020–2027, and month ends of February, March and December
    /// back to 1958 (age 65 and more at the as-of date).
    static let rows: [DictionaryRow] = {
        var rows: [DictionaryRow] = [DictionaryRow(columns: [:])]
        for year in stride(from: 1958, through: 2027, by: 1) {
            let months = year >= 2020 ? Array(1...12) : [2, 3, 12]
            for month in months {
                for day in year >= 2020 ? [1, 2, 15, 28, 29, 30, 31] : [1, 28, 29, 31] {
                    guard let date = CalendarDate(year: year, month: month, day: day) else { continue }
                    rows.append(DictionaryRow(columns: ["t1": .date(date), "t2": .date(date)]))
                }
            }
        }
        return rows
    }()

    static var conditions: [String] {
        let spans = ["age(t1)", "months_between(t1, today())", "months_between(t1, params.p_date)",
                     "months_between(t1, date('2025-03-31'))"]
        let limits = ["-2", "-1", "0", "1", "2", "5", "6", "11", "12", "13", "16", "18", "24", "36", "65", "params.p_int"]
        return spans.flatMap { span in
            ["<", "<=", ">", ">=", "==", "!="].flatMap { op in
                limits.flatMap { limit in ["\(span) \(op) \(limit)", "\(limit) \(op) \(span)"] }
            }
        }
    }

    @Test("the bound form is what compiles for a known threshold and end; other shapes keep the general form")
    func compiledShape() throws {
        let compiler = SQLCompiler()
        for text in ["age(t1) >= 6", "16 < age(t1)", "months_between(t1, today()) >= params.p_int"] {
            let fragment = compiler.compile(try RuleCondition(text, schema: ExpressionGenerator.schema), context: Self.context)
            #expect(!fragment.text.contains("extract"), "\(text): \(fragment.text)")
        }
        for text in ["age(t1) >= i1", "months_between(t1, t2) >= 3", "age(t1) >= 0", "age(t1) == 6"] {
            let fragment = compiler.compile(try RuleCondition(text, schema: ExpressionGenerator.schema), context: Self.context)
            #expect(fragment.text.contains("extract"), "\(text): \(fragment.text)")
        }
    }

    @Test("memory equals the compiled SQL on 768 comparisons over dates at month ends")
    func memoryAgreesWithSQL() async throws {
        let conditions = try Self.conditions.map { try RuleCondition($0, schema: ExpressionGenerator.schema) }
        #expect(conditions.count == 768 && Self.rows.count > 1_000)
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
                try await SQLHarness.load(Self.rows, into: client)
                var mismatches: [String] = []
                var trues = 0
                for condition in conditions {
                    let sql = try await SQLHarness.evaluate(condition, context: Self.context, on: client)
                    let memory = Self.rows.map { condition.evaluate($0, in: Self.context) }
                    trues += memory.filter { $0 == true }.count
                    if sql != memory {
                        let first = zip(Self.rows, zip(memory, sql)).first { $0.1.0 != $0.1.1 }
                        mismatches.append("\(condition.text): first at \(String(describing: first))")
                    }
                }
                #expect(mismatches.isEmpty, "\(mismatches.count) disagreements, first: \(mismatches.prefix(3))")
                #expect(trues > 0)
            }
        }
    }
}
