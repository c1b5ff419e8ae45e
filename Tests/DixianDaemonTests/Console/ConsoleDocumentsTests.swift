import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// 整改台账 and 报表 in the console of a real `dixian serve`: problems scoped by unit, a progress line entered in
/// the browser, 附件1's workbook and a monthly report downloaded and opened by openpyxl; a bureau, whose view is
/// its sector, gets neither.
@Suite("Web console: the ledger and the reports, end to end")
struct ConsoleDocumentsTests {
    @Test("a cadre sees and updates their village's problem, not another town's; the workbook and the report open in openpyxl")
    func ledgerAndReports() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-documents", mail: false)
            defer { console.daemon.kill() }
            let fixture = try await ConsoleCaseFixture.make(endpoint, plan)
            let village = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'"))
            let otherVillage = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(fixture.otherCadreID)'"))
            try await console.addLedgerProblem(unit: village, problem: "个别适龄儿童未入学", endpoint)
            try await console.addLedgerProblem(unit: otherVillage, problem: "另一乡镇的问题", endpoint)
            let cadre = try await ConsoleOverviewTests.signIn(plan.cadreID, endpoint, console.address)
            let list = try cadre.get("/console/ledger")
            #expect(list.status == 200 && list.body.contains("id=\"pWT00000001\"") && !list.body.contains("WT00000002"), "\(list.body.prefix(600))")
            #expect(list.body.contains("逾期未完成"), "the deadline has passed")
            #expect(try cadre.get("/console/ledger?result=overdue").body.contains("id=\"pWT00000001\""))
            #expect(try cadre.get("/console/ledger?result=bogus").status == 400)
            #expect(try cadre.get("/console/ledger/WT00000002").status == 404, "another town's problem")
            let page = try cadre.get("/console/ledger/WT00000001")
            #expect(page.status == 200 && page.body.contains("个别适龄儿童未入学") && page.body.contains("填报进展"))
            let csrf = try #require(page.csrf)
            #expect(try cadre.post("/console/ledger/WT00000002/progress", form: [("csrf", csrf), ("on", "2026-01-10"), ("text", "x")]).status == 404)
            #expect(try cadre.post("/console/ledger/WT00000001/progress", form: [("csrf", csrf), ("on", "2999-01-01"), ("text", "x")]).status == 400)
            #expect(try cadre.post("/console/ledger/WT00000001/progress", form: [("on", "2026-01-10"), ("text", "x")]).status == 403)
            let added = try cadre.post("/console/ledger/WT00000001/progress", form: [("csrf", csrf), ("on", "2026-01-10"), ("text", "已劝返1人")])
            #expect(added.status == 200 && added.body.contains("进展已记录") && added.body.contains("已劝返1人"))
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT progress_on || ' ' || entered_by || ' ' || channel FROM ledger_progress ORDER BY id DESC LIMIT 1
                """) == "2026-01-10 \(plan.cadreID) console")

            let workbook = try cadre.get("/console/ledger.xlsx")
            #expect(workbook.status == 200 && workbook.header("Content-Type")?.contains("spreadsheetml") == true)
            #expect(workbook.header("Content-Disposition")?.contains("filename*=UTF-8''") == true)
            let sheet = try #require(try await TabularOracle.inspect(workbook.bytes).sheets.first, "openpyxl opens the workbook")
            let cells = sheet.values.flatMap { $0 }
            #expect(sheet.name == "控辍保学专班" && cells.contains("个别适龄儿童未入学") && !cells.contains("另一乡镇的问题"))
            #expect(cells.contains { $0.contains("已劝返1人") }, "the progress entered in the console")

            let office = try await ConsoleOverviewTests.signIn("LC00005", endpoint, console.address)
            #expect(try office.get("/console/reports").status == 200)
            let report = try office.get("/console/reports/download?kind=monthly&period=2026-11&format=xlsx")
            #expect(report.status == 200 && report.header("Content-Disposition")?.contains("xlsx") == true)
            #expect(!(try await TabularOracle.inspect(report.bytes).sheets.isEmpty), "openpyxl opens the monthly report")
            let html = try office.get("/console/reports/download?kind=weekly&format=html")
            #expect(html.status == 200 && html.header("Content-Type")?.hasPrefix("text/html") == true && html.body.contains("周报"))
            #expect(try office.get("/console/reports/download?kind=monthly&period=2026-13").status == 400)
            #expect(try office.get("/console/reports/download?kind=monthly&unit=\(village)").status == 200, "a unit inside the county")
            #expect(try cadre.get("/console/reports/download?kind=monthly&unit=\(otherVillage)").status == 404, "a unit outside the village")

            let bureauID = try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT min(id) FROM officials WHERE active AND 'bureau_contact' = ANY(roles) AND sector = 'education'"))
            let bureau = try await ConsoleOverviewTests.signIn(bureauID, endpoint, console.address)
            let bureauLedger = try bureau.get("/console/ledger")
            #expect(bureauLedger.status == 200 && bureauLedger.body.contains("不分行业") && !bureauLedger.body.contains("WT00000001"))
            #expect(try bureau.get("/console/ledger.xlsx").status == 404)
            #expect(try bureau.get("/console/reports/download?kind=monthly").status == 404)
            await console.stop()
        }
    }
}
