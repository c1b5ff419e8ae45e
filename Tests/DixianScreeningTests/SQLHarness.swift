import DixianCore
import DixianScreening
import DixianStore
import Foundation
import PostgresNIO

/// The generator's rows as a real table `d`, and a condition compiled and run over it.
enum SQLHarness {
    static func load(_ rows: [DictionaryRow], into client: PostgresClient) async throws {
        try await client.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS d"))
        try await client.query(PostgresQuery(unsafeSQL: """
            CREATE TABLE d (row_no int PRIMARY KEY, i1 int8, i2 int8, d1 numeric, d2 numeric, s1 text, s2 text,
                            b1 boolean, b2 boolean, t1 date, t2 date)
            """))
        let names = ["i1", "i2", "d1", "d2", "s1", "s2", "b1", "b2", "t1", "t2"]
        let types = ["int8", "int8", "numeric", "numeric", "text", "text", "boolean", "boolean", "date", "date"]
        for (index, row) in rows.enumerated() {
            var bindings = PostgresBindings()
            bindings.append(index)
            for name in names {
                if let value = row.columns[name] { bindings.append(value.description) } else { bindings.appendNull() }
            }
            let placeholders = types.enumerated().map { "$\($0.offset + 2)::\($0.element)" }.joined(separator: ", ")
            try await client.query(PostgresQuery(
                unsafeSQL: "INSERT INTO d (row_no, \(names.joined(separator: ", "))) VALUES ($1, \(placeholders))",
                binds: bindings))
        }
    }

    static func evaluate(_ condition: RuleCondition, context: ScreeningContext, on client: PostgresClient) async throws -> [Bool?] {
        let fragment = SQLCompiler().compile(condition, context: context)
        let query = PostgresQuery(
            unsafeSQL: "SELECT (\(fragment.text)) AS result FROM d ORDER BY row_no", binds: fragment.postgresBindings)
        var answers: [Bool?] = []
        for try await result in try await client.query(query).decode(Bool?.self) { answers.append(result) }
        return answers
    }
}
