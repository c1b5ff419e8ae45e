import DixianCore
import DixianMonitoring
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Monitoring procedure in PostgreSQL", .serialized)
struct MonitoringStoreTests {
    @Test("eight concurrent helper assignments leave exactly one current helper; the database refuses a second")
    func oneHelper() async throws {
        try await MonitoringFixture.with { fixture in
            try await fixture.register("H-HELP", headID: "110101198001010011")
            let caseID = try await fixture.monitoredCase("H-HELP", signalDaysAgo: 20, includedDaysAgo: 18)
            let officials = try await fixture.officials(8)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for official in officials {
                    group.addTask {
                        _ = try await fixture.desk.store.assignHelper(caseID: caseID, officialID: official, entry: try fixture.entry(0))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await fixture.value("SELECT count(*)::text FROM helper_assignments WHERE case_id = \(caseID)") == "8")
            #expect(try await fixture.value("SELECT count(*)::text FROM helper_assignments WHERE case_id = \(caseID) AND ends_on IS NULL") == "1")
            let current = try await fixture.desk.store.caseDetail(id: caseID)?.record.helperID
            #expect(current.map(officials.contains) == true)

            await #expect(throws: PSQLError.self) {
                try await fixture.client.query(
                    "INSERT INTO helper_assignments (case_id, official_id, begins_on) VALUES (\(caseID), \(officials[0]), current_date)")
            }
            let replaced = try await fixture.desk.store.assignHelper(caseID: caseID, officialID: officials[0] == current ? officials[1] : officials[0], entry: try fixture.entry(0))
            #expect(replaced.actions.contains { if case .endHelperAssignment = $0 { true } else { false } })
            #expect(try await fixture.value("SELECT count(*)::text FROM helper_assignments WHERE case_id = \(caseID) AND ends_on IS NULL") == "1")
        }
    }

    @Test("a 分散特困供养 household is never eliminated: refused naming the seed rule, marked 兜底保障户, still monitored")
    func safetyNet() async throws {
        try await MonitoringFixture.with { fixture in
            try await fixture.register("H-NET", headID: "110101198001010022", tekun: true, income: "20000")
            let caseID = try await fixture.monitoredCase("H-NET", signalDaysAgo: 200, includedDaysAgo: 198)
            try await fixture.measureInPlace(caseID, daysAgo: 190)
            for _ in 0..<2 {
                let result = try await fixture.desk.proposeElimination(caseID: caseID, assessment: .init(), entry: try fixture.entry(0))
                #expect(result.refusals.map(\.code) == [.safetyNetHousehold], "income, measures and stability pass; only the safety net refuses")
                let reason = try #require(result.refusals.first)
                #expect(reason.seed.file == "003_7054d1b8bccb6c81.txt" && reason.seed.quote.contains("暂不消除风险"))
                #expect(result.stage == "monitored")
            }
            let record = try #require(try await fixture.desk.store.caseDetail(id: caseID)?.record)
            #expect(record.isSafetyNet && record.stage == "monitored" && record.eliminatedOn == nil)
            await #expect(throws: StoreError.self) {
                _ = try await fixture.desk.store.decide(
                    caseID: caseID, .approved, comment: "", actorIsOfficial: false, entry: try fixture.entry(0),
                    plan: try await fixture.desk.planning())
            }
        }
    }

    @Test("the case log is append-only, and a refused step writes nothing")
    func appendOnly() async throws {
        try await MonitoringFixture.with { fixture in
            try await fixture.register("H-LOG", headID: "110101198001010033")
            let caseID = try await fixture.confirm(try await fixture.signal("H-LOG", daysAgo: 3), daysAgo: 2)
            await #expect(throws: PSQLError.self) {
                try await fixture.client.query("UPDATE case_events SET actor = 'someone else' WHERE case_id = \(caseID)")
            }
            await #expect(throws: PSQLError.self) { try await fixture.client.query("DELETE FROM case_events") }
            let before = try await fixture.value("SELECT count(*)::text FROM case_events")
            let audits = try await fixture.value("SELECT count(*)::text FROM audit_log")
            await #expect(throws: StoreError.self) {
                _ = try await fixture.desk.store.recordPlan(caseID: caseID, text: "计划", entry: try fixture.entry(0))
            }
            await #expect(throws: StoreError.self) {
                _ = try await fixture.desk.store.decide(
                    caseID: caseID, .rejected, comment: "  ", actorIsOfficial: false, entry: try fixture.entry(0),
                    plan: try await fixture.desk.planning())
            }
            #expect(try await fixture.value("SELECT count(*)::text FROM case_events") == before)
            #expect(try await fixture.value("SELECT count(*)::text FROM audit_log") == audits)
            let returned = try await fixture.desk.store.decide(
                caseID: caseID, .rejected, comment: "收入核算有误", actorIsOfficial: false, entry: try fixture.entry(0),
                plan: try await fixture.desk.planning())
            #expect(returned.actions.contains { if case .returnedForRevision(let reason, _) = $0 { reason == "收入核算有误" } else { false } })
            #expect(try await fixture.desk.store.caseDetail(id: caseID)?.returnedBecause == "收入核算有误")
        }
    }

    @Test("each defect detector finds exactly the seeded defect in a fixture")
    func defects() async throws {
        try await MonitoringFixture.with { fixture in
            for (index, household) in ["H1", "H2", "H3", "H4", "H5", "H6"].enumerated() {
                try await fixture.register(household, headID: "11010119800101010\(index)")
            }
            // H1 应纳未纳: confirmed 55 days ago, never included.
            _ = try await fixture.confirm(try await fixture.signal("H1", daysAgo: 58), daysAgo: 55)
            // H2 纳入不及时: signal 80 days ago, included 40 days ago; its clocks met in time.
            let late = try await fixture.monitoredCase("H2", signalDaysAgo: 80, includedDaysAgo: 40)
            _ = try await fixture.desk.store.assignHelper(caseID: late, officialID: try await fixture.officials(1)[0], entry: try fixture.entry(38))
            _ = try await fixture.desk.store.recordPlan(caseID: late, text: "帮扶计划", entry: try fixture.entry(38))
            try await fixture.measureInPlace(late, daysAgo: 35)
            // H3 体外循环: a measure recorded for a household that is not monitored.
            try await fixture.client.query("""
                INSERT INTO help_measures (household_id, unit_code, type, answers, description, planned_on, recorded_on)
                VALUES ('H3', \(fixture.village), 'industry', 'other', '产业奖补', current_date - 5, current_date - 5)
                """)
            // H4 核实逾期: a signal 30 days ago, never verified.
            _ = try await fixture.signal("H4", daysAgo: 30)
            // H5 帮扶时限逾期: included in time 48 days ago, measures in place, but no plan or helper.
            let overdue = try await fixture.monitoredCase("H5", signalDaysAgo: 50, includedDaysAgo: 48)
            try await fixture.measureInPlace(overdue, daysAgo: 45)
            // H6: everything in time, no defect.
            let good = try await fixture.monitoredCase("H6", signalDaysAgo: 12, includedDaysAgo: 10)
            _ = try await fixture.desk.store.assignHelper(caseID: good, officialID: try await fixture.officials(1)[0], entry: try fixture.entry(5))
            _ = try await fixture.desk.store.recordPlan(caseID: good, text: "帮扶计划", entry: try fixture.entry(5))

            let found = try await fixture.desk.defects(unit: nil)
            let pairs = found.map { "\($0.kind.rawValue) \($0.householdID)" }
            #expect(pairs == [
                "not_included H1", "late_inclusion H2", "helped_outside_system H3", "verification_overdue H4", "clock_overdue H5",
            ], "\(found.map(\.detail))")
            #expect(found.last?.detail.contains("10日内") == true)
            #expect(found.allSatisfy { $0.seed.file == "003_7054d1b8bccb6c81.txt" })

            let month = fixture.desk.today.adding(days: -30)
            let agenda = try await fixture.desk.agenda(year: month.year, month: month.month, unit: nil)
            #expect(agenda.newSignals.contains { $0.householdID == "H4" }, "H4's signal was raised in that month")
            #expect(agenda.defects.map(\.kind).contains(.verificationOverdue))
        }
    }
}
