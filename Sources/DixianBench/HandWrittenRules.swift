import DixianCore
import DixianScreening
import Foundation

/// The shipped rules as an engineer would write them by hand (手写 SQL), to time the compiled queries against:
/// literal values instead of binds, plain column names, date arithmetic with intervals instead of the
/// compiler's month counting, and a register join only where the rule reads the register.
///
/// Each counts the rows of one period whose condition is true, as `count(*) … WHERE m.result` does over the
/// compiled SELECT; the bench compares the two counts, so a hand-written query that means something else
/// than its rule shows as a mismatch rather than as a flattering ratio.
enum HandWrittenRules {
    /// What a query is written for: the plugin's effective parameters, the as-of date and the period.
    struct Inputs {
        var parameters: [String: ScreeningValue]
        var asOf: CalendarDate
        var period: String

        /// A parameter as a SQL literal (`6`, `7800`, `'C'`, `date '2026-07-01'`).
        func literal(_ name: String) -> String {
            guard let value = parameters[name] else { return "NULL" }
            return Self.literal(value)
        }

        /// `1 - percent / 100` of a percent parameter, exact: what "dropped by at least p %" multiplies by.
        func keptShare(_ percent: String) -> String {
            guard case .double(let value)? = parameters[percent] else { return "NULL" }
            return "\((100 - value) / 100)"
        }

        /// A percent parameter as a share (`50` → `0.5`).
        func share(_ percent: String) -> String {
            guard case .double(let value)? = parameters[percent] else { return "NULL" }
            return "\(value / 100)"
        }

        /// The as-of date moved back by `amount` (`6 years`, `12 months`), as a date.
        func asOfMinus(_ amount: String) -> String {
            "(date '\(asOf)' - interval '\(amount)')::date"
        }

        static func literal(_ value: ScreeningValue) -> String {
            switch value {
            case .string(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case .date(let date): "date '\(date)'"
            case .list(let items): "(" + items.map(literal).joined(separator: ", ") + ")"
            default: value.description
            }
        }

        /// An integer parameter plus `offset`, for a bound moved by one (`age <= 15` is `born after 16 years ago`).
        func integer(_ name: String, plus offset: Int64 = 0) -> String {
            guard case .int(let value)? = parameters[name] else { return "NULL" }
            return String(value + offset)
        }
    }

    /// The hand-written query of `plugin.rule`, nil for a rule this list does not know (a rule added since):
    /// `SELECT count(*) FROM table WHERE period = … AND condition`, or a query of its own.
    static func query(plugin: String, rule: String, _ p: Inputs) -> String? {
        let name = "\(plugin).\(rule)"
        if name == "health.large_out_of_pocket" {
            // The register join is a LEFT one: a row without a register household still counts by its amount.
            return """
                SELECT count(*) FROM ds_health__medical_expense d
                  LEFT JOIN reg_persons p ON p.resident_id = d.resident_id
                  LEFT JOIN reg_households h ON h.household_id = p.household_id
                 WHERE d.period = '\(p.period)'
                   AND (d.out_of_pocket >= \(p.literal("large_expense_threshold"))
                        OR d.out_of_pocket >= h.income_per_capita * \(p.share("expense_income_share")))
                """
        }
        guard let entry = conditions(p)[name] else { return nil }
        return "SELECT count(*) FROM \(entry.table) WHERE period = '\(p.period)' AND (\(entry.condition))"
    }

    /// Each rule's table and WHERE condition, parameters written in as literals.
    private static func conditions(_ p: Inputs) -> [String: (table: String, condition: String)] {
        // age >= min: born on or before as-of minus min years; age <= max: born after as-of minus max+1 years.
        let compulsoryAge = "birth_date <= \(p.asOfMinus("\(p.integer("compulsory_age_min")) years")) "
            + "AND birth_date > \(p.asOfMinus("\(p.integer("compulsory_age_max", plus: 1)) years"))"
        // More than max months since the test: on or before as-of minus max+1 months.
        let testOverdue = "last_test_date <= \(p.asOfMinus("\(p.integer("quality_test_max_months", plus: 1)) months"))"
        let line = "year = \(p.literal("monitoring_line_year"))"
        return [
            "credit.loan_overdue": ("ds_credit__microcredit_loans", "days_overdue > 0"),
            "credit.non_productive_use": ("ds_credit__microcredit_loans", "NOT productive_use"),
            "credit.eligible_not_lent": ("ds_credit__credit_demand", "eligible AND wants_loan AND NOT lent"),
            "education.compulsory_age_not_enrolled": ("ds_education__student_roll", compulsoryAge + " AND NOT enrolled"),
            "education.poor_student_without_aid":
                ("ds_education__student_roll", "household_type IN ('脱贫户', '监测户') AND enrolled AND NOT aid_received"),
            "education.send_teaching_below_monthly_minimum":
                ("ds_education__send_teaching_roster", "visits < \(p.literal("send_teaching_visits_per_month"))"),
            "employment.zero_employment_household": ("ds_employment__household_labour", "labour_count > 0 AND employed_count = 0"),
            "employment.lost_public_welfare_job": ("ds_employment__household_labour", "welfare_job_lost"),
            "employment.wage_income_drop": ("ds_employment__household_labour",
                "wage_income_last_year > 0 AND wage_income < wage_income_last_year * \(p.keptShare("wage_income_drop_percent"))"),
            "governance.income_below_monitoring_line":
                ("ds_governance__household_income", "\(line) AND income_per_capita < \(p.literal("monitoring_line"))"),
            "governance.income_large_drop": ("ds_governance__household_income", "\(line) AND previous_income_per_capita > 0 "
                + "AND income_per_capita < previous_income_per_capita * \(p.keptShare("income_drop_percent"))"),
            "health.not_insured": ("ds_health__insurance_enrollment", "NOT insured"),
            "health.no_family_doctor_contract": ("ds_health__family_doctor_contracts",
                "NOT signed OR signed_on <= \(p.asOfMinus("\(p.integer("contract_term_months")) months"))"),
            "housing.key_group_unsafe_dwelling": ("ds_housing__housing_safety", "key_group AND safety_rating IN ('C', 'D')"),
            "housing.moved_back_to_old_house": ("ds_housing__housing_safety", "rebuilt AND lives_in_old_house"),
            "water.works_quality_test_due_or_failed": ("ds_water__water_works", "NOT last_test_passed OR " + testOverdue),
            "water.household_water_quality_substandard": ("ds_water__household_water", "NOT water_quality_ok"),
            "water.seasonal_water_shortage": ("ds_water__household_water", "seasonal_shortage"),
            "water.disabled_member_cannot_fetch_water": ("ds_water__household_water", "disabled_member AND NOT piped_to_home"),
        ]
    }
}
