import DixianStore
import DixianTestSupport
import DixianWeb
import Foundation
import Testing

/// Who may do what in the console: every route, as a representative official of every role and signed out, with
/// the answer each must get. Objects of another town or sector answer 404 as if they did not exist; a step one
/// sees but may not take, 403; an allowed write is sent with a field missing, so it answers 400 and nothing in
/// the database changes, which the test checks too.
@Suite("Web console and the JSON API with a session: the access matrix, every route × every role")
struct ConsoleAccessMatrixTests {
    /// The people the matrix signs in as, in its columns' order.
    enum Who: String, CaseIterable {
        case signedOut = "未登录"
        case countyOffice = "县乡村振兴局"
        case educationBureau = "县教体局"
        case townOffice = "乡镇办"
        case villageSecretary = "村书记"
        case villageCadre = "村干部"
        case otherTownCadre = "外乡镇村干部"
        case helper = "帮扶责任人"
    }

    /// One request and the status each column must get.
    struct Row {
        var route: String
        var method: String
        var path: String
        var form: [(String, String)]?
        var expected: [Int]
    }

    @Test("each route answers each role as the table says, and none of the requests changes anything")
    func matrix() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-matrix", mail: false)
            defer { console.daemon.kill() }
            let fixture = try await ConsoleCaseFixture.make(endpoint, plan)
            let bureau = try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT min(id) FROM officials WHERE active AND 'bureau_contact' = ANY(roles) AND sector = 'education'"))
            var browsers: [Who: ConsoleClient] = [.signedOut: ConsoleClient(console.address)]
            let ids: [Who: String] = [
                .countyOffice: "LC00005", .educationBureau: bureau, .townOffice: fixture.townOfficeID, .villageSecretary: fixture.secretaryID,
                .villageCadre: plan.cadreID, .otherTownCadre: fixture.otherCadreID, .helper: fixture.helperID,
            ]
            for (who, id) in ids { browsers[who] = try await ConsoleOverviewTests.signIn(id, endpoint, console.address) }

            // A monitored case with its helper, a case awaiting the village secretary, a signal in another town, a
            // sector alert in the first village.
            let cadre = try #require(browsers[.villageCadre])
            let monitored = try await fixture.openCase(fixture.signalID, by: cadre)
            try fixture.approve(monitored, by: [.villageSecretary, .townOffice, .countyOffice].map { browsers[$0]! })
            let casePage = try cadre.get("/console/cases/\(monitored)")
            _ = try cadre.post("/console/cases/\(monitored)/helper-plan", form: [
                ("csrf", try #require(casePage.csrf)), ("helper", fixture.helperID), ("plan", "申请临时救助"),
            ])
            #expect(try await fixture.caseValue(monitored, "stage || ' ' || (SELECT official_id FROM helper_assignments WHERE case_id = c.id)")
                    == "monitored \(fixture.helperID)")
            let awaiting = try await fixture.openCase(try await fixture.anotherSignal(plan), by: cadre)
            let sector = try await fixture.educationSignal(plan)
            try await console.addLedgerProblem(
                unit: try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'")),
                problem: "个别适龄儿童未入学", endpoint)
            let pending = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT min(id)::text FROM outbox WHERE status = 'pending'"))
            // A pending version of education's stored override, written by its bureau.
            _ = try await TestDatabase.withClient(endpoint) { client in
                try await PluginOverrideStore(client: client, logger: TestDatabase.logger).propose(
                    pluginID: "education", body: "format_version: 1\n", pluginHash: "matrix",
                    entry: OverrideEntry(actor: bureau, channel: "cli", at: Date()))
            }

            let alert = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT alert_id::text FROM monitoring_signals WHERE id = \(sector)")
                .flatMap { Int64($0) })
            let rows = Self.rows(plan: plan, fixture: fixture, monitored: monitored, awaiting: awaiting, sector: sector, pending: pending)
                + Self.apiRows(plan: plan, fixture: fixture, monitored: monitored, awaiting: awaiting, sector: sector, alert: alert)
            let covered = Set(rows.map { "\($0.method) \($0.route)" })
            let routes = Set(ConsoleRoutes.routes.flatMap { route in route.methods.map { "\($0) \(route.path)" } }).union(Self.apiRoutes)
            #expect(covered == routes, "rows for every console route and method: missing \(routes.subtracting(covered).sorted())")

            let before = try await Self.snapshot(endpoint)
            var mismatches: [String] = []
            for row in rows {
                for (column, who) in Who.allCases.enumerated() {
                    let browser = try #require(browsers[who])
                    var form = row.form
                    if form != nil, who != .signedOut, row.route != "/console/sign-in", row.route != "/console/sign-in/:token",
                       row.form?.first?.0 != "-" {
                        form = [("csrf", try #require(try browser.get("/console/plugins").csrf))] + (form ?? [])
                    }
                    let answer: ConsoleClient.Answer
                    if row.method == "GET" {
                        answer = try browser.get(row.path)
                    } else if row.form?.first?.0 == Self.upload {
                        answer = try browser.post(row.path, contentType: "multipart/form-data; boundary=matrix", body: Self.emptyUpload(form ?? []))
                    } else {
                        answer = try browser.post(row.path, form: (form ?? []).filter { $0.0 != "-" })
                    }
                    if answer.status != row.expected[column] {
                        mismatches.append("\(row.method) \(row.path) as \(who.rawValue): \(answer.status), expected \(row.expected[column])")
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
            try Self.checkScopedLists(
                browsers, plan: plan, fixture: fixture, monitored: monitored, awaiting: awaiting, sector: sector, alert: alert)
            #expect(try await Self.snapshot(endpoint) == before, "no request of the matrix changed anything")
            await console.stop()
        }
    }

    /// The table. Columns: 未登录, 县乡村振兴局, 县教体局, 乡镇办, 村书记, 村干部, 外乡镇村干部, 帮扶责任人. A form of
    /// `[("-", "")]` is posted without a CSRF token; any other form gets the person's token first.
    static func rows(plan: ScheduleTestPlan, fixture: ConsoleCaseFixture, monitored: Int64, awaiting: Int64, sector: Int64, pending: String) -> [Row] {
        let page = [303, 200, 200, 200, 200, 200, 200, 200]
        let note = [("note", String(repeating: "长", count: 2001))]
        let noCSRF = [("-", "")]
        return [
            Row(route: "/console", method: "GET", path: "/console", expected: [303, 303, 303, 303, 303, 303, 303, 303]),
            Row(route: "/console/static/console.css", method: "GET", path: "/console/static/console.css", expected: Array(repeating: 200, count: 8)),
            Row(route: "/console/sign-in", method: "GET", path: "/console/sign-in", expected: Array(repeating: 200, count: 8)),
            Row(route: "/console/sign-in", method: "POST", path: "/console/sign-in", form: [("email", "x@example.invalid")], expected: Array(repeating: 403, count: 8)),
            Row(route: "/console/sign-in/:token", method: "GET", path: "/console/sign-in/" + String(repeating: "a", count: 64), expected: Array(repeating: 200, count: 8)),
            Row(route: "/console/sign-in/:token", method: "POST", path: "/console/sign-in/" + String(repeating: "a", count: 64), form: [], expected: Array(repeating: 403, count: 8)),
            Row(route: "/console/sign-out", method: "POST", path: "/console/sign-out", form: noCSRF, expected: [303, 403, 403, 403, 403, 403, 403, 403]),
            Row(route: "/console/sign-out-everywhere", method: "POST", path: "/console/sign-out-everywhere", form: noCSRF, expected: [303, 403, 403, 403, 403, 403, 403, 403]),
            Row(route: "/console/work", method: "GET", path: "/console/work", expected: page),
            Row(route: "/console/overview", method: "GET", path: "/console/overview", expected: [303, 200, 200, 200, 200, 200, 200, 404]),
            Row(route: "/console/overview", method: "GET", path: "/console/overview?unit=\(plan.firstTown)", expected: [303, 200, 200, 200, 404, 404, 404, 404]),
            Row(route: "/console/signals", method: "GET", path: "/console/signals", expected: page),
            Row(route: "/console/signals/:id", method: "GET", path: "/console/signals/\(fixture.signalID)", expected: [303, 200, 404, 200, 200, 200, 404, 200]),
            Row(route: "/console/signals/:id", method: "GET", path: "/console/signals/\(fixture.otherSignalID)", expected: [303, 200, 404, 404, 404, 404, 200, 404]),
            Row(route: "/console/signals/:id", method: "GET", path: "/console/signals/\(sector)", expected: [303, 200, 200, 200, 200, 200, 404, 404]),
            Row(route: "/console/signals/:id/verify", method: "POST", path: "/console/signals/\(sector)/verify", form: [], expected: [303, 400, 403, 400, 400, 400, 404, 404]),
            Row(route: "/console/signals/:id/verify", method: "POST", path: "/console/signals/\(fixture.otherSignalID)/verify", form: [], expected: [303, 400, 404, 404, 404, 404, 400, 404]),
            Row(route: "/console/signals/:id/verify", method: "POST", path: "/console/signals/\(sector)/verify", form: noCSRF, expected: [303, 403, 403, 403, 403, 403, 403, 403]),
            Row(route: "/console/cases", method: "GET", path: "/console/cases", expected: page),
            Row(route: "/console/cases/:id", method: "GET", path: "/console/cases/\(monitored)", expected: [303, 200, 404, 200, 200, 200, 404, 200]),
            Row(route: "/console/cases/:id", method: "GET", path: "/console/cases/\(awaiting)", expected: [303, 200, 404, 200, 200, 200, 404, 404]),
            Row(route: "/console/cases/:id/:step", method: "POST", path: "/console/cases/\(monitored)/helper-plan", form: [], expected: [303, 400, 404, 400, 400, 400, 404, 403]),
            Row(route: "/console/cases/:id/:step", method: "POST", path: "/console/cases/\(monitored)/measure", form: [], expected: [303, 400, 404, 400, 400, 400, 404, 400]),
            Row(route: "/console/cases/:id/:step", method: "POST", path: "/console/cases/\(awaiting)/decision", form: [], expected: [303, 403, 404, 403, 400, 403, 404, 404]),
            Row(route: "/console/cases/:id/:step", method: "POST", path: "/console/cases/\(monitored)/unknown-step", form: [], expected: [303, 404, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/plugins", method: "GET", path: "/console/plugins", expected: page),
            Row(route: "/console/plugins/:id", method: "GET", path: "/console/plugins/education", expected: page),
        ] + overrideRows() + [
            Row(route: "/console/plugins/:id/preview", method: "GET", path: "/console/plugins/education/preview", expected: page),
            Row(route: "/console/plugins/:id/preview", method: "GET", path: "/console/plugins/nonexistent/preview", expected: [303, 404, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/occurrences/:id/done", method: "POST", path: "/console/occurrences/\(plan.openID)/done", form: note, expected: [303, 400, 404, 400, 400, 400, 404, 404]),
            Row(route: "/console/occurrences/:id/done", method: "POST", path: "/console/occurrences/\(plan.otherTownID)/done", form: note, expected: [303, 400, 404, 404, 404, 404, 400, 404]),
            Row(route: "/api/v1/overview", method: "GET", path: "/api/v1/overview", expected: [404, 200, 200, 200, 200, 200, 200, 404]),
            Row(route: "/api/v1/overview", method: "GET", path: "/api/v1/overview?unit=\(plan.firstTown)", expected: [404, 200, 200, 200, 404, 404, 404, 404]),
            Row(route: "/console/occurrences/:id", method: "GET", path: "/console/occurrences/\(plan.openID)", expected: [303, 200, 404, 200, 200, 200, 404, 404]),
            Row(route: "/console/occurrences/:id", method: "GET", path: "/console/occurrences/\(plan.otherTownID)", expected: [303, 200, 404, 404, 404, 404, 200, 404]),
            Row(route: "/console/ledger", method: "GET", path: "/console/ledger", expected: page),
            Row(route: "/console/ledger.xlsx", method: "GET", path: "/console/ledger.xlsx", expected: [303, 200, 404, 200, 200, 200, 404, 404]),
            Row(route: "/console/ledger.xlsx", method: "GET", path: "/console/ledger.xlsx?unit=\(plan.otherTown)", expected: [303, 404, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/ledger/:number", method: "GET", path: "/console/ledger/WT00000001", expected: [303, 200, 404, 200, 200, 200, 404, 404]),
            Row(route: "/console/ledger/:number", method: "GET", path: "/console/ledger/WT99999999", expected: [303, 404, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/ledger/:number/progress", method: "POST", path: "/console/ledger/WT00000001/progress", form: [], expected: [303, 400, 404, 400, 400, 400, 404, 404]),
            Row(route: "/console/ledger/:number/evidence", method: "POST", path: "/console/ledger/WT00000001/evidence", form: [(upload, "")], expected: [303, 400, 404, 400, 400, 400, 404, 404]),
            Row(route: "/console/ledger/:number/evidence", method: "POST", path: "/console/ledger/WT00000001/evidence", form: [], expected: [303, 403, 403, 403, 403, 403, 403, 403]),
            Row(route: "/console/ledger/:number/evidence/:id", method: "GET", path: "/console/ledger/WT00000001/evidence/1", expected: [303, 404, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/reports", method: "GET", path: "/console/reports", expected: page),
            Row(route: "/console/reports/download", method: "GET", path: "/console/reports/download?kind=monthly&period=2026-13", expected: [303, 400, 404, 400, 400, 400, 400, 404]),
            Row(route: "/console/outbox", method: "GET", path: "/console/outbox", expected: [303, 200, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/outbox/:id/retry", method: "POST", path: "/console/outbox/\(pending)/retry", form: [], expected: [303, 409, 404, 404, 404, 404, 404, 404]),
        ]
    }

    /// What the matrix's writes could change: occurrences, signals, cases and their steps, helpers, measures, the
    /// outbox, and the audit log apart from sign-ins.
    /// A form row starting with this field is posted as `multipart/form-data`, its fields and an empty file.
    static let upload = "multipart"

    static func emptyUpload(_ form: [(String, String)]) -> [UInt8] {
        let fields = form.filter { $0.0 != upload }.map { "--matrix\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }
        return Array((fields.joined() + "--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n\r\n--matrix--\r\n").utf8)
    }

    /// 本部门配置: the county office and education's bureau on education's override, nobody else; the bureau not on
    /// health's. Writes are sent empty (a text that does not load: 422) or without a decision (400).
    static func overrideRows() -> [Row] {
        let base = "/console/plugins/education/override"
        let configurers = [303, 200, 200, 404, 404, 404, 404, 404]
        func writes(_ status: Int) -> [Int] { [303, status, status, 404, 404, 404, 404, 404] }
        return [
            Row(route: "/console/plugins/:id/override", method: "GET", path: base, expected: configurers),
            Row(route: "/console/plugins/:id/override", method: "GET", path: "/console/plugins/health/override", expected: [303, 200, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/plugins/:id/override", method: "POST", path: base, form: [], expected: writes(422)),
            Row(route: "/console/plugins/:id/override", method: "POST", path: base, form: [("-", "")], expected: writes(403)),
            Row(route: "/console/plugins/:id/override/preview", method: "POST", path: base + "/preview", form: [], expected: writes(422)),
            Row(route: "/console/plugins/:id/override/preview", method: "POST", path: "/console/plugins/health/override/preview", form: [],
                expected: [303, 422, 404, 404, 404, 404, 404, 404]),
            Row(route: "/console/plugins/:id/override/versions/:version", method: "GET", path: base + "/versions/1", expected: configurers),
            Row(route: "/console/plugins/:id/override/versions/:version", method: "GET", path: base + "/versions/2", expected: writes(404)),
            Row(route: "/console/plugins/:id/override/versions/:version/decision", method: "POST", path: base + "/versions/1/decision", form: [],
                expected: writes(400)),
            Row(route: "/console/plugins/:id/override/versions/:version/restore", method: "POST", path: base + "/versions/9/restore", form: [],
                expected: writes(404)),
            Row(route: "/console/plugins/:id/override/versions/:version/restore", method: "POST", path: base + "/versions/1/restore", form: [("-", "")],
                expected: writes(403)),
            Row(route: "/console/plugins/:id/override/compare", method: "GET", path: base + "/compare?from=0&to=1", expected: configurers),
        ]
    }

    static func snapshot(_ endpoint: DatabaseEndpoint) async throws -> String? {
        try await ConsoleSignInTests.value(endpoint, """
            SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
              SELECT 'o' || id || status FROM occurrences
              UNION ALL SELECT 's' || id || coalesce(outcome, '-') FROM monitoring_signals
              UNION ALL SELECT 'c' || id || stage FROM monitoring_cases
              UNION ALL SELECT 'e' || count(*) FROM case_events
              UNION ALL SELECT 'h' || count(*) FROM helper_assignments
              UNION ALL SELECT 'm' || count(*) FROM help_measures
              UNION ALL SELECT 'l' || count(*) FROM ledger_progress
              UNION ALL SELECT 'v' || count(*) FROM ledger_evidence
              UNION ALL SELECT 'x' || id || status || attempts FROM outbox
              UNION ALL SELECT 'p' || plugin_id || version || state FROM plugin_overrides
              UNION ALL SELECT 'a' || count(*) FROM audit_log WHERE action NOT LIKE '%sign%'
            ) t(x)
            """)
    }
}
