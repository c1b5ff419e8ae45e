import DixianCore

/// A 周报, 月报 or 季报 (seed 004: 周报、月报、季报按时报送): duty completion by town, village and sector with the
/// overdue items, alerts raised and verified against their deadline, monitored households by category, risk type
/// and stage with the period's inclusions and eliminations, and the ledger's progress. Counted without IO from
/// ``PeriodInputs``; every figure is one a list command shows for the same period.
public struct PeriodReport: Sendable, Hashable, Encodable {
    /// Duty completion of one town, village or sector (or all).
    public struct Completion: Sendable, Hashable, Encodable {
        public var name: String
        /// Occurrences due in the period.
        public var due: Int
        public var done: Int
        public var doneOnTime: Int
        /// Open and past due.
        public var overdue: Int
        /// Open, not yet due.
        public var pending: Int
        /// done / due in percent, one decimal; nil when nothing was due.
        public var rate: Double?

        init(name: String, _ items: [PeriodInputs.Occurrence]) {
            self.name = name
            due = items.count
            done = items.filter { $0.status == "done" }.count
            doneOnTime = items.filter { $0.status == "done" && $0.doneOnTime }.count
            overdue = items.filter(\.isOverdue).count
            pending = items.filter { $0.status == "open" && !$0.isOverdue }.count
            rate = due == 0 ? nil : (Double(done) * 1000 / Double(due)).rounded() / 10
        }

        enum CodingKeys: String, CodingKey {
            case name, due, done, overdue, pending, rate
            case doneOnTime = "done_on_time"
        }
    }

    /// An overdue occurrence for the list (逾期事项).
    public struct OverdueItem: Sendable, Hashable, Encodable {
        public var id: Int64
        /// `governance.help_plan_within_deadline`.
        public var dutyID: String
        public var duty: String
        public var unit: String
        public var dueDate: String

        enum CodingKeys: String, CodingKey {
            case id, duty, unit
            case dutyID = "duty_id"
            case dueDate = "due_date"
        }
    }

    public struct Alerts: Sendable, Hashable, Encodable {
        public var raised: Int
        public var verified: Int
        public var verifiedOnTime: Int
        /// verified on time / raised in percent; nil when none was raised.
        public var onTimeShare: Double?
        /// Median days from raising to verification.
        public var medianDays: Double?

        enum CodingKeys: String, CodingKey {
            case raised, verified
            case verifiedOnTime = "verified_on_time"
            case onTimeShare = "on_time_share"
            case medianDays = "median_days"
        }
    }

    /// A count under a name, in a fixed order.
    public struct Count: Sendable, Hashable, Encodable {
        public var name: String
        public var count: Int
    }

    public struct Cases: Sendable, Hashable, Encodable {
        /// Households being monitored now (纳入后、消除前).
        public var monitored: Int
        public var byCategory: [Count]
        public var byRiskType: [Count]
        public var byStage: [Count]
        public var includedInPeriod: Int
        public var eliminatedInPeriod: Int

        enum CodingKeys: String, CodingKey {
            case monitored
            case byCategory = "by_category"
            case byRiskType = "by_risk_type"
            case byStage = "by_stage"
            case includedInPeriod = "included_in_period"
            case eliminatedInPeriod = "eliminated_in_period"
        }
    }

    public struct Ledger: Sendable, Hashable, Encodable {
        public var problems: Int
        public var byResult: [Count]
        public var overdue: Int
        public var progressInPeriod: Int

        enum CodingKeys: String, CodingKey {
            case problems, overdue
            case byResult = "by_result"
            case progressInPeriod = "progress_in_period"
        }
    }

    public var title: String
    public var unitName: String
    public var period: String
    public var from: String
    public var to: String
    public var generatedOn: String
    public var duties: Completion
    /// Towns, the lowest completion rate first (排名).
    public var byTown: [Completion]
    public var byVillage: [Completion]
    public var bySector: [Completion]
    public var overdueItems: [OverdueItem]
    public var alerts: Alerts
    public var cases: Cases
    public var ledger: Ledger

    public init(period: ReportPeriod, unitName: String, generatedOn: CalendarDate, inputs: PeriodInputs) {
        title = "\(unitName)\(period.chineseDescription)巩固衔接工作\(period.kind.chineseName)"
        self.unitName = unitName
        self.period = period.description
        from = period.first.description
        to = period.last.description
        self.generatedOn = generatedOn.description
        let occurrences = inputs.occurrences
        duties = Completion(name: "合计", occurrences)
        byTown = Self.completions(occurrences, by: \.town)
        byVillage = Self.completions(occurrences.filter { $0.village != nil }, by: { "\($0.town)\($0.village ?? "")" })
        bySector = Self.completions(occurrences, by: \.sector)
        overdueItems = occurrences.filter(\.isOverdue).sorted { ($0.dueDate, $0.id) < ($1.dueDate, $1.id) }
            .map { OverdueItem(id: $0.id, dutyID: $0.dutyID, duty: $0.dutyTitle, unit: $0.unitName, dueDate: $0.dueDate.description) }
        alerts = Self.alerts(inputs.alerts)
        cases = Self.cases(inputs.cases, period: period)
        ledger = Ledger(
            problems: inputs.problems.count,
            byResult: RectificationResult.allCases.map { result in Count(name: result.chineseName, count: inputs.problems.filter { $0.result == result }.count) },
            overdue: inputs.problems.filter(\.isOverdue).count, progressInPeriod: inputs.problems.reduce(0) { $0 + $1.progressInPeriod })
    }

    /// Completion per key, the lowest rate first, then by name.
    static func completions(_ items: [PeriodInputs.Occurrence], by key: (PeriodInputs.Occurrence) -> String) -> [Completion] {
        Dictionary(grouping: items, by: key).map { Completion(name: $0.key, $0.value) }
            .sorted { ($0.rate ?? 101, $0.name) < ($1.rate ?? 101, $1.name) }
    }

    static func alerts(_ alerts: [PeriodInputs.Alert]) -> Alerts {
        let days = alerts.compactMap(\.days).sorted()
        let median: Double? = days.isEmpty ? nil
            : days.count % 2 == 1 ? Double(days[days.count / 2]) : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2
        let onTime = alerts.filter { $0.verified && $0.onTime }.count
        return Alerts(
            raised: alerts.count, verified: alerts.filter(\.verified).count, verifiedOnTime: onTime,
            onTimeShare: alerts.isEmpty ? nil : (Double(onTime) * 1000 / Double(alerts.count)).rounded() / 10, medianDays: median)
    }

    static func cases(_ cases: [PeriodInputs.Case], period: ReportPeriod) -> Cases {
        let monitored = cases.filter(\.isMonitored)
        func counts(_ names: [String]) -> [Count] {
            Dictionary(grouping: names, by: { $0 }).map { Count(name: $0.key, count: $0.value.count) }
                .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        }
        return Cases(
            monitored: monitored.count, byCategory: counts(monitored.map(\.category)), byRiskType: counts(monitored.flatMap(\.riskTypes)),
            byStage: counts(cases.map(\.stage)), includedInPeriod: cases.filter { $0.includedOn.map(period.contains) ?? false }.count,
            eliminatedInPeriod: cases.filter { $0.eliminatedOn.map(period.contains) ?? false }.count)
    }

    enum CodingKeys: String, CodingKey {
        case title, period, from, to, duties, alerts, cases, ledger
        case unitName = "unit_name"
        case generatedOn = "generated_on"
        case byTown = "by_town"
        case byVillage = "by_village"
        case bySector = "by_sector"
        case overdueItems = "overdue_items"
    }
}
