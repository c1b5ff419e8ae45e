import DixianCore
import Foundation
import DixianStore
import Testing

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test("splits at top-level semicolons only", arguments: [
        ("CREATE TABLE a (x int); CREATE TABLE b (y int);", ["CREATE TABLE a (x int)", "CREATE TABLE b (y int)"]),
        ("INSERT INTO t VALUES ('a;b', 'it''s;');", ["INSERT INTO t VALUES ('a;b', 'it''s;')"]),
        ("SELECT \"we;ird\" FROM t; SELECT 2", ["SELECT \"we;ird\" FROM t", "SELECT 2"]),
        ("-- a comment; still a comment\nSELECT 1;", ["-- a comment; still a comment\nSELECT 1"]),
        ("/* outer /* inner; */ still; */ SELECT 1;", ["/* outer /* inner; */ still; */ SELECT 1"]),
        ("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT f();",
         ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT f()"]),
        ("DO $body$ BEGIN PERFORM 1; END $body$; SELECT 2;", ["DO $body$ BEGIN PERFORM 1; END $body$", "SELECT 2"]),
        ("SELECT E'back\\'slash;'; SELECT 3", ["SELECT E'back\\'slash;'", "SELECT 3"]),
        ("PREPARE p AS SELECT $1; SELECT 4", ["PREPARE p AS SELECT $1", "SELECT 4"]),
        ("-- only a comment\n;  ;\n", []),
    ])
    func splits(_ input: String, _ expected: [String]) {
        #expect(SQLScript.statements(input) == expected)
    }

    @Test("the shipped migrations split into non-empty statements that end without a semicolon")
    func shippedMigrations() {
        for migration in MigrationCatalog.all {
            let statements = SQLScript.statements(migration.sql)
            #expect(!statements.isEmpty)
            #expect(statements.allSatisfy { !$0.isEmpty && !$0.hasSuffix(";") })
        }
    }

    @Test("random statements joined with semicolons split back exactly; garbage never crashes")
    func roundTrip() {
        var generator = SeededRandom(seed: 0xD1C5)
        let pieces = ["SELECT 1", "'a;b'", "\"x;y\"", "$$ p; q $$", "$t$ ; $t$", "-- c;\n", "/* ; */", "E'\\';'", "名称", "$1"]
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 4) + 1
            let statements = (0..<count).map { _ in
                "SELECT " + (0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                    .joined(separator: " ")
                    .replacingOccurrences(of: "-- c;\n", with: "-- c;\n ")
            }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            // A newline before each separator ends any trailing line comment, as in a real file.
            #expect(SQLScript.statements(statements.joined(separator: "\n;\n")) == statements)
            let garbage = String(decoding: (0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, as: UTF8.self)
            _ = SQLScript.statements(garbage)
        }
    }
}

