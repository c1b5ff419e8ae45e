import DixianCore
import DixianMonitoring
import DixianStore
import Foundation

/// The bodies of the procedure's API (`/api/v1/signals…`, `/api/v1/cases…`): JSON, unknown keys refused,
/// `by` an official of the directory, `on` the effective date (YYYY-MM-DD, default today).
struct ProcedureRequest: Decodable, Sendable {
    var by: String
    var on: CalendarDate?
    // signals
    var household: String?
    var village: String?
    var source: String?
    var riskTypes: [String]?
    var note: String?
    var name: String?
    var phone: String?
    // verification
    var outcome: String?
    var reason: String?
    var category: String?
    // decisions, helper, plan, measures
    var decision: String?
    var comment: String?
    var official: String?
    var text: String?
    var type: String?
    var risk: String?
    var description: String?
    var plannedOn: CalendarDate?
    var evidence: String?
    // elimination
    var check: Bool?
    var pendingExpenses: Bool?
    var unstableIncome: Bool?
    var seriousIllness: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case by, on, household, village, source, note, name, phone, outcome, reason, category, decision, comment, official
        case text, type, risk, description, evidence, check
        case riskTypes = "risk_types", plannedOn = "planned_on", pendingExpenses = "pending_expenses"
        case unstableIncome = "unstable_income", seriousIllness = "serious_illness"
    }

    /// The keys each request takes; any other is refused.
    static func decode(_ data: Data, allowing keys: [CodingKeys]) throws -> ProcedureRequest {
        let decoder = JSONDecoder()
        decoder.userInfo[allowedKey] = Set(([.by, .on] + keys).map(\.rawValue))
        return try decoder.decode(ProcedureRequest.self, from: data)
    }

    static let allowedKey = CodingUserInfoKey(rawValue: "dixian.allowed")!

    init(from decoder: any Decoder) throws {
        let allowed = (decoder.userInfo[Self.allowedKey] as? Set<String>) ?? Set(CodingKeys.allCases.map(\.rawValue))
        try StrictKeys.check(decoder, allowed: allowed.sorted())
        let c = try decoder.container(keyedBy: CodingKeys.self)
        by = try c.decode(String.self, forKey: .by)
        on = try c.decodeIfPresent(CalendarDate.self, forKey: .on)
        household = try c.decodeIfPresent(String.self, forKey: .household)
        village = try c.decodeIfPresent(String.self, forKey: .village)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        riskTypes = try c.decodeIfPresent([String].self, forKey: .riskTypes)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        official = try c.decodeIfPresent(String.self, forKey: .official)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        risk = try c.decodeIfPresent(String.self, forKey: .risk)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        plannedOn = try c.decodeIfPresent(CalendarDate.self, forKey: .plannedOn)
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence)
        check = try c.decodeIfPresent(Bool.self, forKey: .check)
        pendingExpenses = try c.decodeIfPresent(Bool.self, forKey: .pendingExpenses)
        unstableIncome = try c.decodeIfPresent(Bool.self, forKey: .unstableIncome)
        seriousIllness = try c.decodeIfPresent(Bool.self, forKey: .seriousIllness)
    }

    /// Required free text, trimmed, at most 2,000 characters.
    func required(_ value: String?, _ field: String) throws -> String {
        guard let text = try DutyText.trimmed(value, field: field) else {
            throw APIError.badRequest("missing_\(field)", "缺少字段 \(field) (missing field \(field))")
        }
        return text
    }

    func riskTypeList() throws -> [RiskType] {
        guard let names = riskTypes, !names.isEmpty else {
            throw APIError.badRequest("missing_risk_types", "risk_types 至少一种风险类型 (at least one risk type)")
        }
        return try Array(Set(names.map { try Self.named(RiskType.self, $0, "risk_types") })).sorted()
    }

    /// A value of a closed vocabulary by its id or Chinese term.
    static func named<T: ChineseNamed>(_ type: T.Type, _ text: String, _ field: String) throws -> T {
        guard let value = T(naming: text) else {
            throw APIError.badRequest(
                "invalid_\(field)", "\(field) 不认识 \(text)，应为 \(T.allCases.map(\.chineseName).joined(separator: " ")) (unknown value)")
        }
        return value
    }
}
