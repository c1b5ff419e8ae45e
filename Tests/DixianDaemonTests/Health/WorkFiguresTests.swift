@testable import DixianDaemon
import DixianCore
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Issue 19: the procedure's figures by town, counted from a procedure driven step by step in one village of the demo
/// county, and the gauge series the daemon publishes from them.
@Suite("Work figures by town", .serialized)
struct WorkFiguresTests {
    @Test("pending and overdue verifications, on-time verifications, cases by stage and overdue clocks land in the village's town; later, more is overdue")
    func procedureByTown() async throws {
        try await MonitoringFixture.with { fixture in
            for (index, household) in ["H-OLD", "H-NEW", "H-PROPOSED", "H-TEN", "H-THIRTY"].enumerated() {
                try await fixture.register(household, headID: "11010119800101020\(index)")
            }
            // Verification is due 7 days after the signal (governance parameter alert_verify_days).
            _ = try await fixture.signal("H-OLD", daysAgo: 30)
            _ = try await fixture.signal("H-NEW", daysAgo: 0)
            _ = try await fixture.confirm(try await fixture.signal("H-PROPOSED", daysAgo: 20), daysAgo: 20)
            // Included 15 days ago with no helper or plan: the 10-day clock has passed, the 30-day one not yet.
            _ = try await fixture.monitoredCase("H-TEN", signalDaysAgo: 16, includedDaysAgo: 15)
            // Included 40 days ago with nothing done: both clocks have passed.
            _ = try await fixture.monitoredCase("H-THIRTY", signalDaysAgo: 42, includedDaysAgo: 40)

            let store = WorkFiguresStore(client: fixture.client, logger: TestDatabase.logger)
            let procedure = fixture.desk.store.procedure
            let now = Date()
            let figures = try await store.figures(now: now, helpPlanDutyID: procedure.helpPlanDutyID, measuresDutyID: procedure.measuresDutyID)

            let towns = try await fixture.value("SELECT count(*)::text FROM org_units WHERE level = 'town'")
            #expect(figures.towns.count == Int(towns ?? "") ?? -1, "every town and nothing else: \(figures.towns.keys.sorted())")
            let townCode = String(fixture.village.prefix(9)) + "000"
            let town = try #require(figures.towns.first { $0.key.code == townCode })
            #expect(town.key.name == (try await fixture.value("SELECT name FROM org_units WHERE code = '\(townCode)'")))
            #expect(town.value.signalsBySource == ["visit": 5])
            #expect(town.value.verificationsPending == 2)
            #expect(town.value.verificationsOverdue == 1)
            #expect(town.value.verifiedOnTime == 3 && town.value.verifiedLate == 0)
            #expect(town.value.casesByStage == ["inclusion_proposed": 1, "monitored": 2])
            #expect(town.value.helpPlanClocksOverdue == 2)
            #expect(town.value.measuresClocksOverdue == 1)
            let elsewhere = figures.towns.filter { $0.key.code != townCode }.values
            #expect(elsewhere.allSatisfy { $0 == WorkFigures.TownFigures() }, "nothing happened in the other towns")

            // Sixty days on, on the same rows: the new signal is overdue too, and so is the 30-day clock of H-TEN.
            let later = try await store.figures(
                now: now.addingTimeInterval(60 * 86_400), helpPlanDutyID: procedure.helpPlanDutyID, measuresDutyID: procedure.measuresDutyID)
            let townLater = try #require(later.towns[town.key])
            #expect(townLater.verificationsOverdue == 2)
            #expect(townLater.helpPlanClocksOverdue == 2 && townLater.measuresClocksOverdue == 2)
        }
    }

    @Test("every town gets every series, every enabled rule and dataset its own, and a dataset never imported reads 0")
    func seriesOfFigures() throws {
        let running = try DaemonOptions().loadRunningConfiguration()
        var figures = WorkFigures()
        let town = WorkFigures.Town(code: "149721101000", name: "城关镇")
        var counts = WorkFigures.TownFigures()
        counts.verificationsOverdue = 3
        counts.casesByStage = ["monitored": 2]
        figures.towns[town] = counts
        figures.towns[WorkFigures.Town(code: "149721102000", name: "河口镇")] = WorkFigures.TownFigures()
        figures.lastImports["register.households"] = Date(timeIntervalSince1970: 1_780_000_000)
        let series = WorkFiguresService.series(figures, running: running)

        let place = [("town_code", "149721101000"), ("town", "城关镇")]
        #expect(series[.init(name: "dixian_verifications_overdue", place)] == 3)
        #expect(series[.init(name: "dixian_cases", place + [("stage", "monitored")])] == 2)
        #expect(series[.init(name: "dixian_cases", place + [("stage", "eliminated")])] == 0)
        let perTown = Dictionary(grouping: series.keys.filter { $0.labels.first == "town_code" }, by: \.values[0]).mapValues(\.count)
        #expect(perTown == ["149721101000": 13, "149721102000": 13], "3 sources, pending, overdue, 2 done, 4 stages, 2 clocks … per town")

        let enabledRules = running.plugins.plugins.filter(\.isEnabled).flatMap { plugin in plugin.rules.filter(\.isEnabled).map { "\(plugin.id).\($0.id)" } }
        #expect(enabledRules.count > 5)
        let ruleSeries = series.keys.filter { $0.name.hasPrefix("dixian_screening_rule_") }
        #expect(Set(ruleSeries.map(\.values[0])) == Set(enabledRules))
        #expect(ruleSeries.count == enabledRules.count * 4)
        #expect(series[.init(name: "dixian_dataset_last_import_timestamp_seconds", [("dataset", "register.households")])] == 1_780_000_000)
        #expect(series[.init(name: "dixian_dataset_last_import_timestamp_seconds", [("dataset", "register.persons")])] == 0)
        let datasets = series.keys.filter { $0.name == "dixian_dataset_last_import_timestamp_seconds" }
        let declared: Int = running.plugins.plugins.filter(\.isEnabled).map(\.datasets.count).reduce(0, +)
        #expect(datasets.count == 2 + declared)
    }
}
