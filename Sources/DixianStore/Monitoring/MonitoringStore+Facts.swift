import DixianCore
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

/// What the village states when it proposes elimination (村级研判), beside what the data shows.
public struct EliminationAssessment: Sendable, Hashable {
    public var largePendingExpenses: Bool
    public var incomeLowOrUnstable: Bool
    /// A member seriously ill (重大疾病): the register does not hold it.
    public var seriousIllness: Bool

    public init(largePendingExpenses: Bool = false, incomeLowOrUnstable: Bool = false, seriousIllness: Bool = false) {
        self.largePendingExpenses = largePendingExpenses
        self.incomeLowOrUnstable = incomeLowOrUnstable
        self.seriousIllness = seriousIllness
    }
}

extension MonitoringStore {
    /// The income dataset elimination reads besides the register: the governance plugin's yearly income roll.
    static let incomeTable = "ds_governance__household_income"

    /// The facts the elimination rules judge a case on, as the data stands on `today`.
    ///
    /// Income: the newest year of the household head's income roll (`governance.household_income`), or the
    /// register's when the roll has no newer year. 分散特困供养 is the register's 特困 flag; a whole household
    /// without labour on 低保 counts as full or top-tier 低保 (it has no income the allowance tops up, so it
    /// receives the full amount): the register holds no tier. Weak labour: no member is 技能 or 普通劳动力.
    public func eliminationFacts(caseID: Int64, today: CalendarDate, assessment: EliminationAssessment) async throws -> EliminationFacts {
        try await run { connection in
            let loaded = try await loadCase(caseID, lock: false, connection)
            let household = loaded.householdID
            let rows = try await connection.query(
                """
                SELECT h.head_resident_id, h.income_per_capita::text, h.income_year, coalesce(h.is_tekun, false),
                       coalesce(h.no_labour, false), coalesce(h.is_dibao, false),
                       (SELECT min(p.birth_date)::text FROM reg_persons p WHERE p.household_id = h.household_id),
                       NOT EXISTS (SELECT 1 FROM reg_persons p WHERE p.household_id = h.household_id
                                      AND p.labour_capacity IN ('技能劳动力', '普通劳动力'))
                  FROM reg_households h WHERE h.household_id = \(household)
                """,
                logger: logger)
            var facts = EliminationFacts(
                riskTypes: loaded.state.riskTypes, riskTypesWithMeasureInPlace: loaded.state.riskTypesWithMeasureInPlace,
                incomePerCapita: nil, incomeYear: nil, openSectorAlerts: 0, lastSignalDate: nil,
                household: .init(), assessment: .init(
                    largePendingExpenses: assessment.largePendingExpenses, incomeLowOrUnstable: assessment.incomeLowOrUnstable),
                today: today)
            facts.household.seriousIllness = assessment.seriousIllness
            var head: String?
            for try await (headID, income, year, tekun, noLabour, dibao, oldest, weak)
                in rows.decode((String?, String?, Int64?, Bool, Bool, Bool, String?, Bool).self)
            {
                head = headID
                facts.incomePerCapita = income.flatMap { Decimal(string: $0) }
                facts.incomeYear = year.map(Int.init)
                facts.household.dispersedExtremePovertySupport = tekun
                facts.household.wholeHouseholdWithoutLabour = noLabour
                facts.household.minimumLivingAllowance = dibao ? (noLabour ? .fullOrTopTier : .partial) : .none
                facts.household.oldestMemberAge = oldest.flatMap { CalendarDate(parsing: $0) }.map { Self.age(born: $0, on: today) }
                facts.household.weakLabour = weak
            }
            if let head, let (year, income) = try await Self.rolledIncome(head, connection, logger: logger),
                year >= (facts.incomeYear ?? Int.min)
            {
                facts.incomeYear = year
                facts.incomePerCapita = income
            }
            facts.openSectorAlerts = try await Self.count(
                "SELECT count(*) FROM alerts WHERE household_id = \(household) AND status = 'open'", connection, logger: logger)
            let last = try await connection.query(
                "SELECT max(raised_on)::text FROM monitoring_signals WHERE household_id = \(household)", logger: logger)
            for try await text in last.decode(String?.self) { facts.lastSignalDate = text.flatMap { CalendarDate(parsing: $0) } }
            return facts
        }
    }

    /// The newest year of the head's income roll, if the roll exists and has the head.
    private static func rolledIncome(_ head: String, _ connection: PostgresConnection, logger: Logger) async throws -> (Int, Decimal)? {
        let exists = try await connection.query("SELECT to_regclass(\(incomeTable)) IS NOT NULL", logger: logger)
        var present = false
        for try await value in exists.decode(Bool.self) { present = value }
        guard present else { return nil }
        let rows = try await connection.query(
            """
            SELECT year, income_per_capita::text FROM \(unescaped: incomeTable)
             WHERE resident_id = \(head) AND year IS NOT NULL AND income_per_capita IS NOT NULL
             ORDER BY year DESC, import_id DESC LIMIT 1
            """,
            logger: logger)
        for try await (year, income) in rows.decode((Int64, String).self) {
            if let value = Decimal(string: income) { return (Int(year), value) }
        }
        return nil
    }

    static func count(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(query, logger: logger)
        for try await value in rows.decode(Int64.self) { return Int(value) }
        return 0
    }

    static func age(born: CalendarDate, on today: CalendarDate) -> Int {
        let hadBirthday = (today.month, today.day) >= (born.month, born.day)
        return today.year - born.year - (hadBirthday ? 0 : 1)
    }
}
