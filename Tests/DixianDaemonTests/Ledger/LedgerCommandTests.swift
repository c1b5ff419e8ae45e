import Crypto
import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// `dixian ledger …` as a real process against a fresh database holding the demo county: the 附件1 export as
/// openpyxl and calamine read it, the round trip, a sheet edited by openpyxl as an office would, refusals that
/// change nothing, and evidence files.
@Suite("dixian ledger, end to end", .serialized)
struct LedgerCommandTests {
    static let town = "149721101000"
    static let needsPython = RequiredTools.enabled(PythonInterpreter.url != nil)

    struct CLI {
        let config: String
        let work: String
        let endpoint: DatabaseEndpoint

        func run(_ arguments: String...) async throws -> CommandResult {
            try await CommandResult.run(["ledger"] + arguments + ["--config", config])
        }

        /// Runs and requires exit status 0.
        @discardableResult
        func ok(_ arguments: String...) async throws -> String {
            let result = try await CommandResult.run(["ledger"] + arguments + ["--config", config])
            #expect(result.status == 0, "ledger \(arguments): \(result.output)\(result.errorOutput)")
            return result.output
        }

        func list(_ arguments: String...) async throws -> [[String: Any]] {
            let result = try await CommandResult.run(["ledger", "list", "--format", "json"] + arguments + ["--config", config])
            #expect(result.status == 0, "\(result.errorOutput)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        }

        func bytes(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: work + "/" + name)))
        }
    }

    static func withCLI(_ body: @escaping @Sendable (CLI) async throws -> Void) async throws {
        let running = try DaemonOptions().loadRunningConfiguration()
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
            }
            let work = try makeWorkDirectory("ledger-cli")
            let config = work + "/dixian.yaml"
            try """
                timezone: Asia/Shanghai
                state_dir: \(work)/var
                database:
                  url: "\(endpoint.description)"
                plugins:
                  dir: \(DixianBinary.packageRoot)/plugins

                """.write(toFile: config, atomically: true, encoding: .utf8)
            try await body(CLI(config: config, work: work, endpoint: endpoint))
        }
    }

    /// Two problems of one group, one with progress, one whose words and note look like formulas.
    static func seed(_ cli: CLI) async throws {
        try await cli.ok(
            "add", "--campaign", "assessment_feedback", "--group", "控辍保学专班", "--unit", town, "--lead-unit", "镇教育办",
            "--cooperating", "各村委会、派出所", "--responsible", "李某", "--filled-by", "王某", "--problem", "个别适龄儿童未入学",
            "--measure", "逐户劝返", "--deadline", "2024-08-15")
        try await cli.ok("progress", "WT00000001", "--on", "2024-07-25", "--text", "完成摸排")
        try await cli.ok("progress", "WT00000001", "--on", "2024-08-01", "--text", "已劝返1人")
        try await cli.ok(
            "add", "--campaign", "assessment_feedback", "--group", "控辍保学专班", "--unit", town, "--lead-unit", "镇教育办",
            "--responsible", "李某", "--problem", "=HYPERLINK(\"http://x\")", "--measure=-核查", "--note", "@备注", "--deadline", "2024-08-10")
    }

    @Test(
        "the export is seed 003's 附件1 as openpyxl and calamine read it; export → import → export is byte-identical, XLSX and CSV",
        .enabled(if: needsPython, "needs python3 with openpyxl and python-calamine"))
    func exportAndRoundTrip() async throws {
        try await Self.withCLI { cli in
            try await Self.seed(cli)
            try await cli.ok("export", "--date", "2024-08-02", "--out", cli.work + "/a.xlsx")
            let sheet = try #require(try await TabularOracle.inspect(try cli.bytes("a.xlsx")).sheets.first)
            #expect(sheet.name == "控辍保学专班")
            #expect(sheet.values[0][0].hasSuffix(" 2024 年度巩固拓展脱贫攻坚成果同乡村振兴有效衔接问题排查整改台账"), "\(sheet.values[0][0])")
            #expect(sheet.values[1][0] == "专班: 控辍保学专班" && sheet.values[1][3] == "牵头单位: 镇教育办（盖章）")
            #expect(sheet.values[1][6] == "填表人: 王某" && sheet.values[1][8] == "时间: 2024年8月2日")
            #expect(sheet.values[2] == ["序号", "对照排查内容排查出的具体问题", "整改措施", "整改进展", "整改时限", "整改结果", "牵头单位", "配合单位", "责任人", "备注"])
            #expect(sheet.calamine[3] == [
                "1.0", "个别适龄儿童未入学", "逐户劝返", "7月25日：完成摸排\n8月1日：已劝返1人", "8月15日前", "正在整改", "镇教育办", "各村委会、派出所", "李某", "",
            ])
            #expect(sheet.values[4][1] == "=HYPERLINK(\"http://x\")" && sheet.types[4][1] == "s", "a formula from data stays text")
            #expect(sheet.values[4][2] == "-核查" && sheet.values[4][9] == "@备注")
            #expect(Set(sheet.merged) == ["A1:J1", "A2:C2", "D2:F2", "G2:H2", "I2:J2", "A6:J6"])
            #expect(sheet.frozen == "A4" && sheet.orientation == "landscape" && sheet.paper == 9)

            let before = try await DatabaseDump.text(of: cli.endpoint)
            let imported = try await cli.ok("import", cli.work + "/a.xlsx", "--format", "json")
            #expect(imported.contains("\"created\" : 0") && imported.contains("\"updated\" : 0") && imported.contains("\"progress_added\" : 0"), "\(imported)")
            try await cli.ok("export", "--date", "2024-08-02", "--out", cli.work + "/b.xlsx")
            #expect(try cli.bytes("a.xlsx") == cli.bytes("b.xlsx"), "export → import → export is byte-identical")
            #expect(try await Self.ledgerTables(cli.endpoint, before) == true, "the import changed no ledger row")

            try await cli.ok("export", "--group", "控辍保学专班", "--date", "2024-08-02", "--out", cli.work + "/a.csv")
            try await cli.ok("import", cli.work + "/a.csv")
            try await cli.ok("export", "--group", "控辍保学专班", "--date", "2024-08-02", "--out", cli.work + "/b.csv")
            #expect(try cli.bytes("a.csv") == cli.bytes("b.csv"))
            let problems = try await cli.list()
            #expect(problems.compactMap { $0["problem"] as? String } == ["个别适龄儿童未入学", "=HYPERLINK(\"http://x\")"])
        }
    }

    /// Whether the ledger's tables dump the same as in `before` (the audit log may grow).
    static func ledgerTables(_ endpoint: DatabaseEndpoint, _ before: String) async throws -> Bool {
        func ledger(_ dump: String) -> String {
            dump.components(separatedBy: "\n").filter { $0.contains("ledger_") }.joined(separator: "\n")
        }
        return ledger(try await DatabaseDump.text(of: endpoint)) == ledger(before)
    }

    @Test(
        "a sheet edited and saved by openpyxl: a new row becomes a problem, a new progress line an entry, a changed result an update",
        .enabled(if: needsPython, "needs python3 with openpyxl"))
    func officeEdits() async throws {
        try await Self.withCLI { cli in
            try await Self.seed(cli)
            let path = cli.work + "/filled.xlsx"
            try await cli.ok("export", "--out", path)
            try await TabularOracle.edit(
                path,
                cells: ["F4": "整改完成", "D4": "7月25日：完成摸排\n8月1日：已劝返1人\n8月9日：全部返校", "E5": "8月20日前"],
                addRows: [["3", "资助政策宣传不到位", "入户宣传", "8月3日：印发明白纸", "8月31日前", "正在整改", "镇教育办", "", "李某", ""]])
            let dry = try await cli.ok("import", path, "--dry-run", "--format", "json")
            #expect(dry.contains("\"created\" : 1") && dry.contains("\"dry_run\" : true"), "\(dry)")
            #expect(try await cli.list().count == 2, "a dry run writes nothing")

            let result = try await cli.ok("import", path, "--format", "json")
            #expect(result.contains("\"created\" : 1") && result.contains("\"updated\" : 2") && result.contains("\"progress_added\" : 2"), "\(result)")
            let problems = try await cli.list()
            #expect(problems.count == 3)
            let first = try #require(problems.first { $0["number"] as? String == "WT00000001" })
            #expect(first["result"] as? String == "done")
            #expect((first["progress"] as? [[String: Any]])?.last?["text"] as? String == "全部返校")
            let second = try #require(problems.first { $0["problem"] as? String == "=HYPERLINK(\"http://x\")" })
            #expect(second["deadline"] as? String == "2024-08-20")
            let added = try #require(problems.last)
            #expect(added["problem"] as? String == "资助政策宣传不到位" && added["unit_code"] as? String == Self.town)
            #expect((added["progress"] as? [[String: Any]])?.first?["on"] as? String == "2024-08-03")

            let again = try await cli.ok("import", path, "--format", "json")
            #expect(again.contains("\"created\" : 0") && again.contains("\"updated\" : 0") && again.contains("\"progress_added\" : 0"), "\(again)")
        }
    }

    @Test(
        "a bad result and a bad date are refused row by row, and the ledger is left as it was",
        .enabled(if: needsPython, "needs python3 with openpyxl"))
    func refusesBadRows() async throws {
        try await Self.withCLI { cli in
            try await Self.seed(cli)
            let path = cli.work + "/bad.xlsx"
            try await cli.ok("export", "--out", path)
            try await TabularOracle.edit(
                path, cells: ["F4": "已完成"],
                addRows: [["3", "新发现的问题", "整改", "", "8月32日前", "正在整改", "镇教育办", "", "李某", ""]])
            let before = try await DatabaseDump.text(of: cli.endpoint)
            let refused = try await cli.run("import", path)
            #expect(refused.status == 1)
            #expect(refused.errorOutput.contains("第4行 “整改结果”"), "\(refused.errorOutput)")
            #expect(refused.errorOutput.contains("第6行 “整改时限”"), "\(refused.errorOutput)")
            #expect(refused.errorOutput.contains("未导入任何内容"))
            #expect(try await DatabaseDump.text(of: cli.endpoint) == before, "a refused import changes nothing")

            let unknown = try await cli.run("result", "WT99999999", "整改完成")
            #expect(unknown.status == 1 && unknown.errorOutput.contains("WT99999999"))
            let badResult = try await cli.run("result", "WT00000001", "已完成")
            #expect(badResult.status == 64)
            let duplicate = try await cli.run(
                "add", "--campaign", "assessment_feedback", "--group", "控辍保学专班", "--unit", Self.town, "--lead-unit", "镇教育办",
                "--responsible", "李某", "--problem", "个别适龄儿童未入学", "--measure", "再次")
            #expect(duplicate.status == 1 && duplicate.errorOutput.contains("已有相同的问题"))
            let noCampaign = try await cli.run(
                "add", "--campaign", "nope", "--group", "甲", "--unit", Self.town, "--lead-unit", "乙", "--responsible", "丙",
                "--problem", "丁", "--measure", "戊")
            #expect(noCampaign.status == 1 && noCampaign.errorOutput.contains("assessment_feedback"))
            #expect(try await DatabaseDump.text(of: cli.endpoint) == before, "refusals change nothing")
        }
    }

    @Test(
        "a problem's deadline is a clock: weekly reminders before it, escalation after; a moved deadline restarts it, done meets it",
        .enabled(if: needsPython, "needs python3 with openpyxl"))
    func deadlineClock() async throws {
        try await Self.withCLI { cli in
            try await cli.ok(
                "add", "--campaign", "assessment_feedback", "--group", "饮水专班", "--unit", Self.town, "--lead-unit", "镇水利站",
                "--responsible", "赵某", "--problem", "个别农户季节性缺水", "--measure", "新打机井", "--deadline", "2030-06-28")
            func occurrences() async throws -> [[String: Any]] {
                let result = try await CommandResult.run([
                    "duty", "list", "--duty", "governance.ledger_rectification_deadline", "--format", "json", "--config", cli.config,
                ])
                return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
            }
            let first = try await occurrences()
            #expect(first.count == 1 && first.first?["due_date"] as? String == "2030-06-28" && first.first?["status"] as? String == "open")
            let messages = try await TestDatabase.withClient(cli.endpoint) { client in
                let rows = try await client.query("""
                    SELECT m.step, (m.send_at AT TIME ZONE 'Asia/Shanghai')::date::text FROM outbox m
                      JOIN occurrences o ON o.id = m.occurrence_id WHERE o.duty_id = 'governance.ledger_rectification_deadline'
                    """)
                var steps: [String: String] = [:]
                for try await (step, day) in rows.decode((String, String).self) { steps[step] = day }
                return steps
            }
            #expect(messages["r0"] == "2030-05-31" && messages["r1"] == "2030-06-07" && messages["r2"] == "2030-06-14" && messages["r3"] == "2030-06-21",
                    "weekly from four weeks before: \(messages)")
            #expect(messages["e0"] == "2030-07-01", "escalated the day after, a Saturday, so on Monday: \(messages)")

            let path = cli.work + "/water.xlsx"
            try await cli.ok("export", "--group", "饮水专班", "--out", path)
            let exported = try #require(try await TabularOracle.inspect(try cli.bytes("water.xlsx")).sheets.first)
            #expect(exported.values[3][4] == "2030年6月28日前", "a deadline outside the campaign's year carries its year")
            try await TabularOracle.edit(path, cells: ["E4": "2030年7月31日前"])
            try await cli.ok("import", path)
            let moved = try await occurrences()
            #expect(Set(moved.compactMap { $0["status"] as? String }) == ["not_applicable", "open"], "\(moved)")
            #expect(moved.first { $0["status"] as? String == "open" }?["due_date"] as? String == "2030-07-31")

            try await cli.ok("result", "WT00000001", "整改完成长期坚持")
            #expect(try await occurrences().allSatisfy { $0["status"] as? String != "open" }, "done meets the clock")
        }
    }

    @Test(
        "LibreOffice headless opens the exported ledger and prints it to PDF without error",
        .enabled(if: RequiredTools.enabled(LibreOffice.url != nil), "needs LibreOffice (libreoffice-calc-nogui)"))
    func libreOffice() async throws {
        try await Self.withCLI { cli in
            try await Self.seed(cli)
            try await cli.ok("export", "--out", cli.work + "/台账.xlsx")
            let path = cli.work + "/台账.xlsx"
            let (pdf, output) = try await LibreOffice.convertToPDF(path)
            #expect(pdf.starts(with: Array("%PDF-".utf8)), "\(output)")
            #expect(pdf.count > 1000 && !output.lowercased().contains("error"), "\(output)")
        }
    }

    @Test("evidence: attached once per content, listed with its sha256, fetched back byte for byte; over 10 MiB refused")
    func evidence() async throws {
        try await Self.withCLI { cli in
            try await Self.seed(cli)
            let file = cli.work + "/劝返记录.pdf"
            let content = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try content.write(to: URL(fileURLWithPath: file))
            try await cli.ok("evidence", "add", "WT00000001", file)
            try await cli.ok("evidence", "add", "WT00000001", file)
            let listed = try await cli.ok("evidence", "list", "WT00000001", "--format", "json")
            let files = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
            #expect(files.count == 1, "the same bytes are kept once")
            let sha = SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
            #expect(files.first?["sha256"] as? String == sha && files.first?["content_type"] as? String == "application/pdf")
            #expect(files.first?["file_name"] as? String == "劝返记录.pdf")
            let id = try #require(files.first?["id"] as? Int)
            try await cli.ok("evidence", "get", "WT00000001", String(id), "--out", cli.work + "/back.pdf")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.work + "/back.pdf")) == content)

            let big = cli.work + "/big.bin"
            try Data(count: 10 * 1024 * 1024 + 1).write(to: URL(fileURLWithPath: big))
            let refused = try await cli.run("evidence", "add", "WT00000001", big)
            #expect(refused.status == 1 && refused.errorOutput.contains("10 MiB"))
            let show = try await cli.ok("show", "WT00000001", "--format", "json")
            #expect(show.contains("\"evidence_count\" : 1"), "\(show)")
            let here = try makeWorkDirectory("evidence-get")
            let first = try await CommandResult.run(
                ["ledger", "evidence", "get", "WT00000001", String(id), "--config", cli.config], workingDirectory: here)
            #expect(first.status == 0 && FileManager.default.fileExists(atPath: here + "/劝返记录.pdf"), "\(first.errorOutput)")
            let again = try await CommandResult.run(
                ["ledger", "evidence", "get", "WT00000001", String(id), "--config", cli.config], workingDirectory: here)
            #expect(again.status == 1 && again.errorOutput.contains("--out"), "the stored name never replaces a file unasked")
            let missing = try await cli.run("evidence", "get", "WT00000001", "999")
            #expect(missing.status == 1)
        }
    }
}
