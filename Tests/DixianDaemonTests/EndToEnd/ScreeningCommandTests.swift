import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 12 end to end through the binary: the register and a bureau's file imported, a bad file refused with
/// every bad row listed and nothing changed, screening raising alerts once, alerts listed masked.
@Suite("Screening commands, end to end", .serialized)
struct ScreeningCommandTests {
    static let root = DixianBinary.packageRoot

    func prepared(_ endpoint: DatabaseEndpoint, _ name: String) async throws -> (config: String, work: String, fixture: NotifierFixture) {
        let work = try makeWorkDirectory(name)
        let fixture = NotifierFixture(endpoint: endpoint, work: work)
        let config = try fixture.writeConfig(channels: "email:\n  type: maildir\n  dir: \(work)/mail")
        try await fixture.prepare(configPath: config)
        return (config, work, fixture)
    }

    func count(_ endpoint: DatabaseEndpoint, _ sql: String) async throws -> Int {
        try await TestDatabase.withClient(endpoint) { client in
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { return Int(value) }
            return -1
        }
    }

    @Test("register import, data import, screen twice, alert list and show")
    func importScreenAndList() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (config, _, _) = try await prepared(endpoint, "screening-cli")
            let demo = Self.root + "/config/demo"
            let register = try await CommandResult.run(
                ["register", "import", "--households", demo + "/register/households.csv", "--persons", demo + "/register/persons.csv",
                 "--config", config], workingDirectory: Self.root)
            #expect(register.status == 0, "\(register.output)\(register.errorOutput)")
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM reg_households") == 10_000)

            let data = try await CommandResult.run(
                ["data", "import", "education.student_roll", demo + "/data/education.student_roll.csv", "--period", "2026-06",
                 "--format", "json", "--config", config], workingDirectory: Self.root)
            #expect(data.status == 0, "\(data.output)\(data.errorOutput)")
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(data.output.utf8)) as? [[String: Any]])
            let screening = try #require(reports.first?["screening"] as? [[String: Any]])
            let raised = screening.compactMap { $0["newAlerts"] as? Int }.reduce(0, +)
            #expect(raised > 0, "the import screened the education rules: \(screening)")
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM alerts") == raised)
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM alerts WHERE event_clock_id IS NULL") == 0)
            #expect(try await count(endpoint, """
                SELECT count(*)::int8 FROM occurrences o JOIN event_clocks e ON e.id = o.event_clock_id
                 WHERE o.duty_id = 'governance.alert_verification' AND e.event = 'alert_raised'
                """) == raised, "each alert has its verification occurrence")

            let again = try await CommandResult.run(["screen", "--plugin", "education", "--format", "json", "--config", config], workingDirectory: Self.root)
            #expect(again.status == 0, "\(again.errorOutput)")
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM alerts") == raised, "screening twice raises nothing new")

            let list = try await CommandResult.run(["alert", "list", "--rule", "compulsory_age_not_enrolled", "--config", config], workingDirectory: Self.root)
            #expect(list.status == 0, "\(list.errorOutput)")
            #expect(list.output.contains("YJ"), "\(list.output)")
            #expect(list.output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "no ID number in full: \(list.output)")
            let show = try await CommandResult.run(["alert", "show", "1", "--config", config], workingDirectory: Self.root)
            #expect(show.status == 0 && show.output.contains("YJ00000001"), "\(show.output)\(show.errorOutput)")
            let missing = try await CommandResult.run(["alert", "show", "999999", "--config", config], workingDirectory: Self.root)
            #expect(missing.status == 1)
        }
    }

    @Test("a file with bad rows lists every one (row, column title, reason) and changes no table")
    func badFileChangesNothing() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (config, work, _) = try await prepared(endpoint, "screening-bad")
            let demo = Self.root + "/config/demo"
            var lines = try String(contentsOfFile: demo + "/data/education.student_roll.csv", encoding: .utf8)
                .components(separatedBy: "\r\n")
            // Row 3: a wrong check digit; row 5: an unknown village; row 7: not 是/否.
            func spoil(_ index: Int, _ change: (inout [String]) -> Void) {
                var cells = lines[index].components(separatedBy: ",")
                change(&cells)
                lines[index] = cells.joined(separator: ",")
            }
            spoil(2) { cells in cells[0] = String(cells[0].dropLast()) + (cells[0].hasSuffix("0") ? "1" : "0") }
            spoil(4) { cells in cells[3] = "149721999999" }
            spoil(6) { cells in cells[5] = "也许" }
            let path = work + "/bad.csv"
            try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
            let before = try await count(endpoint, "SELECT count(*)::int8 FROM data_imports")
            let result = try await CommandResult.run(
                ["data", "import", "education.student_roll", path, "--config", config], workingDirectory: Self.root)
            #expect(result.status == 1)
            #expect(result.output.contains("第3行 “公民身份号码”：身份证号校验位不符"), "\(result.output)")
            #expect(result.output.contains("第5行") && result.output.contains("unknown division code"), "\(result.output)")
            #expect(result.output.contains("第7行") && result.output.contains("是/否"), "\(result.output)")
            #expect(result.output.contains("未导入任何数据"), "\(result.output)")
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM data_imports") == before)
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM alerts") == 0, "a bad import raises nothing")

            let skipped = try await CommandResult.run(
                ["data", "import", "education.student_roll", path, "--skip-invalid", "--config", config], workingDirectory: Self.root)
            #expect(skipped.status == 0, "\(skipped.output)\(skipped.errorOutput)")
            #expect(try await count(endpoint, "SELECT skipped_rows::int8 FROM data_imports ORDER BY id DESC LIMIT 1") == 3)
        }
    }
}

extension ScreeningCommandTests {
    @Test("a GB18030 CSV and an XLSX written by openpyxl of the same rows import to identical tables",
          .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3 with openpyxl"))
    func gb18030AndXLSXAgree() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (config, work, _) = try await prepared(endpoint, "screening-formats")
            let source = Self.root + "/config/demo/data/education.student_roll.csv"
            let script = """
                import csv, sys, openpyxl
                rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))[:301]
                with open(sys.argv[2], 'w', encoding='gb18030', newline='') as f:
                    csv.writer(f).writerows(rows)
                book = openpyxl.Workbook()
                sheet = book.active
                for row in rows:
                    sheet.append(row)
                book.save(sys.argv[3])
                """
            let written = try await PythonInterpreter.run(arguments: ["-c", script, source, work + "/roll-gb18030.csv", work + "/roll.xlsx"])
            try #require(written.status == 0, "openpyxl could not write the workbook: \(String(decoding: written.errors, as: UTF8.self))")
            let gb = try Data(contentsOf: URL(fileURLWithPath: work + "/roll-gb18030.csv"))
            #expect(String(data: gb, encoding: .utf8) == nil, "the CSV really is GB18030, not UTF-8")
            for (file, period) in [("roll-gb18030.csv", "2026-05"), ("roll.xlsx", "2026-06")] {
                let result = try await CommandResult.run(
                    ["data", "import", "education.student_roll", work + "/" + file, "--period", period, "--config", config],
                    workingDirectory: Self.root)
                #expect(result.status == 0, "\(file): \(result.output)\(result.errorOutput)")
            }
            let tables = try await TestDatabase.withClient(endpoint) { client in
                var result: [String: [String]] = [:]
                let rows = try await client.query("""
                    SELECT period, (to_jsonb(d) - 'import_id' - 'period')::text FROM ds_education__student_roll d
                     ORDER BY period, resident_id
                    """)
                for try await (period, row) in rows.decode((String, String).self) { result[period, default: []].append(row) }
                return result
            }
            #expect(tables["2026-05"]?.count == 300)
            #expect(tables["2026-05"] == tables["2026-06"])
        }
    }
}

extension ScreeningCommandTests {
    @Test("rules test: one result per row in file order, the SQL and memory engines agree, --param changes the outcome")
    func rulesTest() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (config, _, _) = try await prepared(endpoint, "rules-cli")
            let file = Self.root + "/config/demo/data/education.send_teaching_roster.csv"
            func run(_ extra: [String]) async throws -> [[String: Any]] {
                let result = try await CommandResult.run(
                    ["rules", "test", "send_teaching_below_monthly_minimum", "--plugin", "education", "--data", file,
                     "--format", "json", "--config", config] + extra, workingDirectory: Self.root)
                #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
                return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
            }
            let sql = try await run(["--engine", "sql"])
            let memory = try await run(["--engine", "memory"])
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: \.isNewline).count
            #expect(sql.count == lines - 1)
            #expect(sql.map { $0["row"] as? Int } == (2...lines).map { $0 })
            #expect(sql.map { $0["result"] as? Bool } == memory.map { $0["result"] as? Bool })
            let hits = sql.filter { $0["result"] as? Bool == true }.count
            let stricter = try await run(["--param", "send_teaching_visits_per_month=9"]).filter { $0["result"] as? Bool == true }.count
            #expect(hits > 0 && stricter > hits, "\(hits) → \(stricter)")
            #expect(try await count(endpoint, "SELECT count(*)::int8 FROM data_imports") == 0, "a trial stores nothing")

            let bad = try await CommandResult.run(
                ["rules", "test", "--when", "visits < 2.5", "--plugin", "education", "--dataset", "send_teaching_roster",
                 "--data", file, "--config", config], workingDirectory: Self.root)
            #expect(bad.status != 0)
            #expect(bad.errorOutput.contains("第 8 个字符") && bad.errorOutput.contains("int < double"), "\(bad.errorOutput)")
        }
    }
}
