import DixianTestSupport
import Foundation
import Testing

/// `dixian report monthly` on a fixture county whose July is walked on the rehearsal clock: every figure equals an
/// independent count from the JSON of `duty list`, `alert list`, `case list` and `ledger list` for the same month;
/// openpyxl reads the same figures from the XLSX, and LibreOffice prints it.
@Suite("dixian report, end to end", .serialized)
struct ReportCommandTests {
    typealias CLI = LedgerCommandTests.CLI

    static func run(_ cli: CLI, on day: String, _ arguments: [String]) async throws -> CommandResult {
        let result = try await CommandResult.run(
            arguments + ["--config", cli.config], environment: ["DIXIAN_CLOCK_START": "2026-07-\(day)+08:00"])
        #expect(result.status == 0, "\(arguments): \(result.output)\(result.errorOutput)")
        return result
    }

    static func json(_ cli: CLI, on day: String, _ arguments: [String]) async throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try await run(cli, on: day, arguments).output.utf8))
    }

    /// A July: three ledger problems (one done in time, two past their deadline by the 31st), one progress entry, two
    /// self-declarations (one verified in time, one not verified by its deadline).
    static func walkJuly(_ cli: CLI) async throws {
        for (problem, deadline) in [("甲问题", "2026-07-10"), ("乙问题", "2026-07-25"), ("丙问题", "2026-07-15")] {
            _ = try await run(cli, on: "05T10:00:00", [
                "ledger", "add", "--campaign", "assessment_feedback", "--group", "专班", "--unit", LedgerCommandTests.town,
                "--lead-unit", "镇政府", "--responsible", "李某", "--problem", problem, "--measure", "整改", "--deadline", deadline,
            ])
        }
        _ = try await run(cli, on: "08T10:00:00", ["ledger", "progress", "WT00000001", "--text", "已部署"])
        _ = try await run(cli, on: "12T10:00:00", ["ledger", "result", "WT00000003", "整改完成"])
        for (day, name, village) in [("13T10:00:00", "张三", "149721101201"), ("14T10:00:00", "李四", "149721102201")] {
            _ = try await run(cli, on: day, [
                "signal", "add", "--source", "self", "--name", name, "--village", village, "--risk", "因病", "--note", "住院",
            ])
        }
        _ = try await run(cli, on: "16T10:00:00", ["signal", "verify", "XH00000001", "--outcome", "not_a_risk", "--reason", "已核实无风险"])
    }

    @Test(
        "the monthly report's figures equal independent counts from the JSON lists; the XLSX holds them; LibreOffice prints it",
        .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil && LibreOffice.url != nil), "needs openpyxl and LibreOffice"))
    func monthlyReconciles() async throws {
        try await LedgerCommandTests.withCLI { cli in
            try await Self.walkJuly(cli)
            let end = "31T20:00:00"
            _ = try await Self.run(cli, on: end, ["report", "monthly", "--period", "2026-07", "--out", cli.work + "/r.json"])
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.work + "/r.json"))) as? [String: Any])

            // Duties: the month's occurrences from `duty list`, counted here.
            let all = try #require(try await Self.json(cli, on: end, ["duty", "list", "--limit", "10000", "--format", "json"]) as? [[String: Any]])
            let overdueIDs = Set(try #require(
                try await Self.json(cli, on: end, ["duty", "list", "--status", "overdue", "--limit", "10000", "--format", "json"]) as? [[String: Any]]
            ).compactMap { $0["id"] as? Int })
            let july = all.filter { ($0["due_date"] as? String)?.hasPrefix("2026-07") == true && ["open", "overdue", "done"].contains($0["status"] as? String) }
            #expect(july.count == 5, "three deadlines and two verifications: \(july)")
            let units = try #require(
                try await Self.json(cli, on: end, ["directory", "list", "--units", "--format", "json"]) as? [[String: Any]])
            let names = Dictionary(uniqueKeysWithValues: units.compactMap { unit in (unit["code"] as? String).map { ($0, unit["name"] as? String ?? "") } })
            var expected: [String: [Int]] = [:]
            for item in july {
                let code = try #require(item["unit_code"] as? String)
                let town = try #require(names[String(code.prefix(9)) + "000"])
                let id = try #require(item["id"] as? Int)
                var counts = expected[town, default: [0, 0, 0]]
                counts[0] += 1
                if item["status"] as? String == "done" { counts[1] += 1 }
                if overdueIDs.contains(id) { counts[2] += 1 }
                expected[town] = counts
            }
            let byTown = try #require(report["by_town"] as? [[String: Any]])
            let reported = Dictionary(uniqueKeysWithValues: byTown.map { ($0["name"] as? String ?? "", [$0["due"] as? Int ?? -1, $0["done"] as? Int ?? -1, $0["overdue"] as? Int ?? -1]) })
            #expect(reported == expected)
            let duties = try #require(report["duties"] as? [String: Any])
            #expect(duties["due"] as? Int == july.count && duties["overdue"] as? Int == july.filter { overdueIDs.contains($0["id"] as? Int ?? 0) }.count)
            #expect(duties["overdue"] as? Int == 3, "two deadlines and one verification missed")
            let items = try #require(report["overdue_items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["id"] as? Int }) == Set(july.compactMap { $0["id"] as? Int }).intersection(overdueIDs))

            // Alerts and cases: what `alert list` and `case list` hold for the month.
            let alerts = try #require(try await Self.json(cli, on: end, ["alert", "list", "--limit", "10000", "--format", "json"]) as? [[String: Any]])
            let raised = alerts.filter { ($0["raised_at"] as? String)?.hasPrefix("2026-07") == true }
            #expect((report["alerts"] as? [String: Any])?["raised"] as? Int == raised.count)
            let cases = try #require(try await Self.json(cli, on: end, ["case", "list", "--limit", "10000", "--format", "json"]) as? [[String: Any]])
            #expect((report["cases"] as? [String: Any])?["monitored"] as? Int == cases.filter { ["monitored", "elimination_proposed"].contains($0["stage"] as? String) }.count)

            // The ledger: `ledger list` and its --overdue.
            let problems = try #require(try await Self.json(cli, on: end, ["ledger", "list", "--format", "json"]) as? [[String: Any]])
            let late = try #require(try await Self.json(cli, on: end, ["ledger", "list", "--overdue", "--format", "json"]) as? [[String: Any]])
            let ledger = try #require(report["ledger"] as? [String: Any])
            #expect(ledger["problems"] as? Int == problems.count && ledger["overdue"] as? Int == late.count && late.count == 2)
            #expect(ledger["progress_in_period"] as? Int == problems.reduce(0) { $0 + (($1["progress"] as? [[String: Any]])?.count ?? 0) })

            // The workbook holds the same, as openpyxl reads it; LibreOffice prints it; the page has its charts.
            _ = try await Self.run(cli, on: end, ["report", "monthly", "--period", "2026-07", "--out", cli.work + "/r.xlsx"])
            let book = try await TabularOracle.inspect(try cli.bytes("r.xlsx"))
            let towns = try #require(book.sheets.first { $0.name == "乡镇任务完成" })
            #expect(towns.values[1] == ["名称", "应完成", "已完成", "按时完成", "逾期未完成", "未到期", "完成率(%)"])
            let rows = Dictionary(uniqueKeysWithValues: towns.values.dropFirst(2).map { ($0[0], [$0[1], $0[2], $0[4]].map { Int(Double($0) ?? -1) }) })
            #expect(rows == expected)
            let (pdf, output) = try await LibreOffice.convertToPDF(cli.work + "/r.xlsx")
            #expect(pdf.starts(with: Array("%PDF-".utf8)), "\(output)")
            _ = try await Self.run(cli, on: end, ["report", "monthly", "--period", "2026-07", "--out", cli.work + "/r.html"])
            let page = try String(contentsOfFile: cli.work + "/r.html", encoding: .utf8)
            #expect(page.contains("<svg") && page.contains("@media print") && page.contains("2026年7月巩固衔接工作月报"))

            let bad = try await CommandResult.run(["report", "monthly", "--period", "2026-13", "--out", cli.work + "/x.json", "--config", cli.config])
            #expect(bad.status == 64 && !FileManager.default.fileExists(atPath: cli.work + "/x.json"))
        }
    }

    @Test(
        "the weekly bulletin ranks the towns by what `duty list --status overdue` shows, compares with the week before, and its chat summary holds counts only",
        .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs openpyxl"))
    func weeklyBulletin() async throws {
        try await LedgerCommandTests.withCLI { cli in
            try await Self.walkJuly(cli)
            let end = "31T20:00:00"
            let printed = try await Self.run(cli, on: end, ["bulletin", "--week", "2026-W30", "--out", cli.work + "/b.json"])
            let bulletin = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.work + "/b.json"))) as? [String: Any])

            let overdue = try #require(
                try await Self.json(cli, on: end, ["duty", "list", "--status", "overdue", "--limit", "10000", "--format", "json"]) as? [[String: Any]])
            let units = try #require(try await Self.json(cli, on: end, ["directory", "list", "--units", "--format", "json"]) as? [[String: Any]])
            let names = Dictionary(uniqueKeysWithValues: units.compactMap { unit in (unit["code"] as? String).map { ($0, unit["name"] as? String ?? "") } })
            var expected: [String: Int] = [:]
            for item in overdue where (item["due_date"] as? String ?? "9999") <= "2026-07-26" {
                let code = try #require(item["unit_code"] as? String)
                expected[try #require(names[String(code.prefix(9)) + "000"]), default: 0] += 1
            }
            let ranks = try #require(bulletin["overdue_by_town"] as? [[String: Any]])
            #expect(Dictionary(uniqueKeysWithValues: ranks.map { ($0["name"] as? String ?? "", $0["overdue"] as? Int ?? -1) }) == expected)
            #expect(ranks.map { $0["overdue"] as? Int ?? 0 } == ranks.map { $0["overdue"] as? Int ?? 0 }.sorted(by: >), "ranked, most overdue first")
            #expect(bulletin["ledger_overdue"] as? Int == 2)
            let changes = try #require(bulletin["changes"] as? [[String: Any]])
            #expect(changes.count == 4 && changes.allSatisfy { $0["name"] is String })

            let summary = printed.output
            #expect(summary.contains("【每周通报】") && summary.contains("逾期任务\(expected.values.reduce(0, +))项"), "\(summary)")
            #expect(!summary.contains("张三") && !summary.contains("李四") && !summary.contains("李某"), "counts only: \(summary)")

            _ = try await Self.run(cli, on: end, ["bulletin", "--week", "2026-W30", "--out", cli.work + "/b.xlsx"])
            let book = try await TabularOracle.inspect(try cli.bytes("b.xlsx"))
            #expect(book.sheets.map(\.name) == ["逾期排名", "时限逾期", "较上周"])
            let sectors = try #require(bulletin["overdue_by_sector"] as? [[String: Any]])
            #expect(book.sheets[0].calamine.count == 2 + ranks.count + sectors.count, "title, header, towns, then sectors")
        }
    }
}
