import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// 预警 and 监测户 in the console of a real `dixian serve`: the procedure from a cadre's verification through the
/// approval chain to the helper and a measure, each step by the official whose step it is, recorded with the
/// channel `console`; another town's signal and case answer 404, a step one may see but not take 403.
@Suite("Web console: signals, cases and the procedure's steps, end to end")
struct ConsoleCasesTests {
    @Test("verify → three approvals → helper and plan → a measure by the helper; 404 across towns, 403 for a step not one's own")
    func procedureInTheConsole() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-cases", mail: false)
            defer { console.daemon.kill() }
            let fixture = try await ConsoleCaseFixture.make(endpoint, plan)
            let cadre = try await ConsoleOverviewTests.signIn(plan.cadreID, endpoint, console.address)
            let stranger = try await ConsoleOverviewTests.signIn(fixture.otherCadreID, endpoint, console.address)

            let page = try cadre.get("/console/signals/\(fixture.signalID)")
            #expect(page.status == 200 && page.body.contains("返贫致贫风险核实") && page.body.contains("name=\"outcome\""), "\(page.body.prefix(800))")
            let csrf = try #require(page.csrf)
            #expect(try cadre.get("/console/signals/\(fixture.otherSignalID)").status == 404, "another town's signal")
            #expect(try stranger.get("/console/signals/\(fixture.signalID)").status == 404)
            let foreign = try stranger.post("/console/signals/\(fixture.signalID)/verify", form: [
                ("csrf", try #require(try stranger.get("/console/work").csrf)), ("outcome", "not_a_risk"), ("reason", "x"),
            ])
            #expect(foreign.status == 404)
            #expect(try cadre.post("/console/signals/\(fixture.signalID)/verify", form: [("outcome", "not_a_risk"), ("reason", "x")]).status == 403)
            #expect(try await fixture.signalOutcome() == nil, "nothing changed")
            let refused = try cadre.post("/console/signals/\(fixture.signalID)/verify", form: [("csrf", csrf), ("outcome", "risk_confirmed")])
            #expect(refused.status == 400 && refused.body.contains("确认存在风险须选择监测对象类别"))

            let verified = try cadre.post("/console/signals/\(fixture.signalID)/verify", form: [
                ("csrf", csrf), ("outcome", "risk_confirmed"), ("category", "sudden_hardship"), ("risk", "illness"), ("risk", "disaster"),
            ])
            #expect(verified.status == 200 && verified.body.contains("进入纳入审批"), "\(verified.body.prefix(800))")
            #expect(try await fixture.signalOutcome() == "risk_confirmed console \(plan.cadreID)")
            let caseID = try #require(try await fixture.caseID())

            let list = try cadre.get("/console/cases")
            #expect(list.status == 200 && list.body.contains("id=\"c\(caseID)\"") && list.body.contains("纳入审批中"))
            #expect(!(try stranger.get("/console/cases").body.contains("id=\"c\(caseID)\"")))
            #expect(try stranger.get("/console/cases/\(caseID)").status == 404)
            #expect(try cadre.get("/console/cases?stage=bogus").status == 400)
            #expect(try cadre.get("/console/cases?stage=monitored").body.contains("id=\"c\(caseID)\"") == false)

            // The approval chain: village secretary, town office, county office, each seeing the form in turn.
            for approver in [fixture.secretaryID, fixture.townOfficeID, "LC00005"] {
                let browser = try await ConsoleOverviewTests.signIn(approver, endpoint, console.address)
                let casePage = try browser.get("/console/cases/\(caseID)")
                #expect(casePage.status == 200 && casePage.body.contains("name=\"decision\""), "\(approver) sees the decision form")
                if approver == fixture.townOfficeID {
                    let early = try cadre.post("/console/cases/\(caseID)/decision", form: [("csrf", csrf), ("decision", "approved")])
                    #expect(early.status == 403, "a cadre without the step's role")
                }
                let decided = try browser.post("/console/cases/\(caseID)/decision", form: [
                    ("csrf", try #require(casePage.csrf)), ("decision", "approved"), ("comment", "同意"),
                ])
                #expect(decided.status == 200 && decided.body.contains("审批意见已记录"), "\(approver): \(decided.body.prefix(600))")
            }
            #expect(try await fixture.caseValue(caseID, "stage") == "monitored")

            let monitored = try cadre.get("/console/cases/\(caseID)")
            #expect(monitored.body.contains("明确帮扶责任人、制定帮扶计划") && monitored.body.contains("案件经过"))
            let helper = fixture.helperID
            #expect(monitored.body.contains("<option value=\"\(helper)\">"), "the helper is a candidate in the form")
            let assigned = try cadre.post("/console/cases/\(caseID)/helper-plan", form: [("csrf", csrf), ("helper", helper), ("plan", "申请临时救助")])
            #expect(assigned.status == 200 && assigned.body.contains("帮扶责任人和帮扶计划已记录"), "\(assigned.body.prefix(600))")
            #expect(try await fixture.caseValue(caseID, "(SELECT official_id FROM helper_assignments WHERE case_id = c.id AND ends_on IS NULL)") == helper)

            let helping = try await ConsoleOverviewTests.signIn(helper, endpoint, console.address)
            #expect(try helping.get("/console/cases").body.contains("id=\"c\(caseID)\""), "a helper sees the households they help")
            let helperPage = try helping.get("/console/cases/\(caseID)")
            #expect(helperPage.body.contains("落实帮扶措施") && !helperPage.body.contains("/helper-plan\""))
            let helperCSRF = try #require(helperPage.csrf)
            #expect(try helping.post("/console/cases/\(caseID)/helper-plan", form: [("csrf", helperCSRF), ("helper", helper), ("plan", "x")]).status == 403)
            let measure = try helping.post("/console/cases/\(caseID)/measure", form: [
                ("csrf", helperCSRF), ("type", "health"), ("answers", "illness"), ("description", "医疗救助"), ("evidence", "已报销"),
            ])
            #expect(measure.status == 200 && measure.body.contains("措施落实已记录"), "\(measure.body.prefix(600))")
            #expect(try await fixture.caseValue(caseID, """
                (SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM case_events WHERE case_id = c.id AND channel = 'console'
                   AND kind IN ('decide_inclusion', 'assign_helper', 'record_plan'))
                """) == "assign_helper,decide_inclusion,record_plan")
            #expect(try await fixture.caseValue(caseID, """
                (SELECT count(*) FILTER (WHERE kind = 'decide_inclusion') || ' ' || count(*) FILTER (WHERE actor = '\(helper)')
                   FROM case_events WHERE case_id = c.id AND channel = 'console')
                """) == "3 2", "three approvals; the measure added and put in place by the helper")
            await console.stop()
        }
    }

    @Test("发件箱: the county office sees each channel and retries a dead letter (audited); anyone else gets 404")
    func outbox() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let dead = try #require(try await ConsoleSignInTests.value(endpoint, """
                UPDATE outbox SET status = 'dead', attempts = 5, last_error = 'SMTP 550 mailbox unavailable'
                 WHERE id = (SELECT min(id) FROM outbox WHERE status = 'pending') RETURNING id::text
                """))
            let console = try await ConsoleDaemon.start(endpoint, name: "console-outbox", mail: false)
            defer { console.daemon.kill() }
            let office = try await ConsoleOverviewTests.signIn("LC00005", endpoint, console.address)
            let page = try office.get("/console/outbox")
            #expect(page.status == 200 && page.body.contains("id=\"m\(dead)\"") && page.body.contains("SMTP 550"))
            let cadre = try await ConsoleOverviewTests.signIn(plan.cadreID, endpoint, console.address)
            #expect(try cadre.get("/console/outbox").status == 404)
            let cadreCSRF = try #require(try cadre.get("/console/work").csrf)
            #expect(try cadre.post("/console/outbox/\(dead)/retry", form: [("csrf", cadreCSRF)]).status == 404)
            #expect(try office.post("/console/outbox/\(dead)/retry", form: []).status == 403)
            #expect(try await ConsoleSignInTests.value(endpoint, "SELECT status FROM outbox WHERE id = \(dead)") == "dead", "nothing changed")

            let retried = try office.post("/console/outbox/\(dead)/retry", form: [("csrf", try #require(page.csrf))])
            #expect(retried.status == 200 && retried.body.contains("已重新排队"))
            #expect(try await ConsoleSignInTests.value(endpoint, "SELECT status || ' ' || attempts FROM outbox WHERE id = \(dead)") == "pending 0")
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT actor || ' ' || channel FROM audit_log WHERE action = 'outbox_retry' ORDER BY id DESC LIMIT 1
                """) == "LC00005 console")
            #expect(try office.post("/console/outbox/\(dead)/retry", form: [("csrf", try #require(page.csrf))]).status == 409, "no longer dead")
            await console.stop()
        }
    }

}
