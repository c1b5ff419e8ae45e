import DixianCore
import DixianMonitoring
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// A few monitoring cases at every stage for the demo county (演示案件), so that a newcomer's first look at
/// `dixian case list` shows the procedure: awaiting the town's review, clocks running, the 10-day clock overdue,
/// both clocks met, elimination proposed, eliminated, and a 兜底保障户 the rules keep monitored. Steps are
/// back-dated through the desk exactly as an official would enter them late; only done when there are no cases.
enum DemoCases {
    static func seed(_ desk: MonitoringDesk, client: PostgresClient, logger: Logger) async throws -> Int {
        let store = desk.store
        guard try await store.cases(CaseFilter(limit: 1)).isEmpty else { return 0 }
        let pending = try await store.signals(SignalFilter(pendingOnly: true, source: .sector, limit: 50)).filter { $0.householdID != nil }
        var seeded = 0
        // From today's alerts: one awaiting the town's review, one included today with its clocks running.
        for (index, signal) in pending.prefix(2).enumerated() {
            let caseID = try await confirm(desk, signal.id, types: signal.riskTypes, daysAgo: 0)
            try await approve(desk, caseID, daysAgo: 0, all: index == 1)
            seeded += 1
        }
        // Households no alert names, with a cadre's visit earlier: the 10-day clock overdue, both clocks met,
        // elimination proposed, eliminated.
        let quiet = try await quietHouseholds(client, logger: logger, tekun: false, count: 4)
        for (index, household) in quiet.enumerated() {
            if index == 0 {
                _ = try await monitored(desk, household, signalAgo: 20, includedAgo: 16)
                seeded += 1
                continue
            }
            let caseID = try await monitored(desk, household, signalAgo: 150, includedAgo: 145)
            try await helpAndMeasure(desk, caseID, planAgo: 140, inPlaceAgo: 120)
            if index >= 2 {
                let result = try await desk.proposeElimination(caseID: caseID, assessment: .init(), entry: try entry(desk, 0))
                if index == 3 && result.refusals.isEmpty { try await approve(desk, caseID, daysAgo: 0, all: true) }
            }
            seeded += 1
        }
        // A 特困 household: elimination refused, marked 兜底保障户.
        for household in try await quietHouseholds(client, logger: logger, tekun: true, count: 1) {
            let caseID = try await monitored(desk, household, signalAgo: 150, includedAgo: 145)
            try await helpAndMeasure(desk, caseID, planAgo: 140, inPlaceAgo: 120)
            _ = try await desk.proposeElimination(caseID: caseID, assessment: .init(), entry: try entry(desk, 0))
            seeded += 1
        }
        logger.info("已生成演示监测案件 (demo cases seeded)", metadata: ["cases": "\(seeded)"])
        return seeded
    }

    static func entry(_ desk: MonitoringDesk, _ daysAgo: Int) throws -> CaseEntry {
        try desk.entry(actor: "demo", channel: .cli, on: desk.today.adding(days: -daysAgo))
    }

    static func confirm(_ desk: MonitoringDesk, _ signalID: Int64, types: [RiskType], daysAgo: Int) async throws -> Int64 {
        let result = try await desk.store.verify(
            signalID: signalID, .riskConfirmed(category: .marginalVulnerable, riskTypes: types.isEmpty ? [.other] : types, householdID: nil),
            entry: try entry(desk, daysAgo))
        return try await desk.store.caseID(result.caseNumber ?? "") ?? 0
    }

    /// Approves the pending step, or with `all` every step until the chain is through (a caution step included).
    static func approve(_ desk: MonitoringDesk, _ caseID: Int64, daysAgo: Int, all: Bool) async throws {
        for _ in 0..<8 {
            let result = try await desk.store.decide(
                caseID: caseID, .approved, comment: "经评议同意", actorIsOfficial: false, entry: try entry(desk, daysAgo),
                plan: try await desk.planning())
            if !all || !result.stage.hasSuffix("_proposed") { return }
        }
    }

    static func monitored(_ desk: MonitoringDesk, _ household: String, signalAgo: Int, includedAgo: Int) async throws -> Int64 {
        let signal = try await desk.store.addSignal(
            NewSignal(source: .visit, householdID: household, riskTypes: [.illness], note: "入户走访：户主患慢性病，医疗支出较大"),
            entry: try entry(desk, signalAgo), plan: try await desk.planning())
        let caseID = try await confirm(desk, signal.id, types: [.illness], daysAgo: signalAgo)
        try await approve(desk, caseID, daysAgo: includedAgo, all: true)
        return caseID
    }

    static func helpAndMeasure(_ desk: MonitoringDesk, _ caseID: Int64, planAgo: Int, inPlaceAgo: Int) async throws {
        if let helper = try await desk.store.helperCandidates(caseID: caseID).first {
            _ = try await desk.store.assignHelperAndPlan(
                caseID: caseID, officialID: helper.id, plan: "落实大病保险和医疗救助，签约家庭医生", entry: try entry(desk, planAgo))
        }
        _ = try await desk.store.measureInPlace(
            caseID: caseID, existing: nil, new: (.health, .illness, "大病保险报销和医疗救助"), evidence: "报销和救助记录已核",
            entry: try entry(desk, inPlaceAgo))
    }

    /// Registered 脱贫户 no alert names, income above the line; with `tekun` the 特困 ones.
    static func quietHouseholds(_ client: PostgresClient, logger: Logger, tekun: Bool, count: Int) async throws -> [String] {
        let rows = try await client.query(
            """
            SELECT h.household_id FROM reg_households h
             WHERE h.household_type = '脱贫户' AND coalesce(h.is_tekun, false) = \(tekun) AND h.income_per_capita > 12000
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.household_id = h.household_id)
               AND NOT EXISTS (SELECT 1 FROM monitoring_signals s WHERE s.household_id = h.household_id)
             ORDER BY h.household_id LIMIT \(count)
            """,
            logger: logger)
        var result: [String] = []
        for try await id in rows.decode(String.self) { result.append(id) }
        return result
    }
}
