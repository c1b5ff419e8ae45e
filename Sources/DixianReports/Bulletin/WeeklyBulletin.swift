import DixianCore
import DixianTabular
import Foundation

/// The weekly bulletin (每周通报, seed 003: 每周调度、每周通报): who is behind, ranked by town and by sector; how
/// many of the week's alerts were verified in time; monitored households past their 10- or 30-day clocks; ledger
/// problems past their deadline; and what changed since last week. Built without IO from three reports: the
/// week, the week before, and the year so far (for what is still outstanding).
public struct WeeklyBulletin: Sendable, Hashable, Encodable {
    /// One ranked line: a town or sector and its overdue duties.
    public struct Rank: Sendable, Hashable, Encodable {
        public var name: String
        public var overdue: Int
        public var rate: Double?
    }

    /// A figure this week and last week.
    public struct Change: Sendable, Hashable, Encodable {
        public var name: String
        public var thisWeek: Double?
        public var lastWeek: Double?
        /// Whether it got better (a higher rate, fewer overdue items); nil when either is missing.
        public var improved: Bool?

        enum CodingKeys: String, CodingKey {
            case name, improved
            case thisWeek = "this_week"
            case lastWeek = "last_week"
        }
    }

    /// The duties whose overdue occurrences are the procedure's clocks (10 days: plan and helper; 30 days: measures).
    public static let clockDuties = ["governance.help_plan_within_deadline": "10天", "governance.measures_within_deadline": "30天"]

    public var title: String
    public var week: String
    public var overdueByTown: [Rank]
    public var overdueBySector: [Rank]
    public var alertsRaised: Int
    public var alertsOnTimeShare: Double?
    /// Overdue occurrences of the 10- and 30-day clocks, still open.
    public var clocksOverdue: [PeriodReport.OverdueItem]
    public var ledgerOverdue: Int
    public var changes: [Change]

    public init(week: PeriodReport, lastWeek: PeriodReport, outstanding: PeriodReport, weekText: String) {
        title = "\(week.unitName)巩固衔接工作每周通报（\(weekText)）"
        self.week = week.period
        func ranks(_ rows: [PeriodReport.Completion]) -> [Rank] {
            rows.filter { $0.overdue > 0 }.map { Rank(name: $0.name, overdue: $0.overdue, rate: $0.rate) }
                .sorted { ($1.overdue, $0.name) < ($0.overdue, $1.name) }
        }
        overdueByTown = ranks(outstanding.byTown)
        overdueBySector = ranks(outstanding.bySector)
        alertsRaised = week.alerts.raised
        alertsOnTimeShare = week.alerts.onTimeShare
        clocksOverdue = outstanding.overdueItems.filter { Self.clockDuties[$0.dutyID] != nil }
        ledgerOverdue = week.ledger.overdue
        changes = [
            Self.change("本周到期任务完成率(%)", week.duties.rate, lastWeek.duties.rate, higherIsBetter: true),
            Self.change("本周到期任务逾期数", Double(week.duties.overdue), Double(lastWeek.duties.overdue), higherIsBetter: false),
            Self.change("预警按时核实率(%)", week.alerts.onTimeShare, lastWeek.alerts.onTimeShare, higherIsBetter: true),
            Self.change("本期整改进展（条）", Double(week.ledger.progressInPeriod), Double(lastWeek.ledger.progressInPeriod), higherIsBetter: true),
        ]
    }

    static func change(_ name: String, _ now: Double?, _ before: Double?, higherIsBetter: Bool) -> Change {
        let improved = now.flatMap { now in before.map { before in higherIsBetter ? now > before : now < before } }
        return Change(name: name, thisWeek: now, lastWeek: before, improved: improved)
    }

    /// The chat summary: counts only, no names of people, no households (a group sees it).
    public var chatSummary: String {
        let share = alertsOnTimeShare.map { PeriodReport.format($0) + "%" } ?? "-"
        let towns = overdueByTown.prefix(3).map { "\($0.name)\($0.overdue)项" }.joined(separator: "、")
        return "【每周通报】\(title)：逾期任务\(overdueByTown.reduce(0) { $0 + $1.overdue })项\(towns.isEmpty ? "" : "（\(towns)）")；"
            + "本周预警\(alertsRaised)条，按时核实率\(share)；超过10天、30天时限的监测户\(clocksOverdue.count)项；整改台账逾期问题\(ledgerOverdue)个。"
    }

    /// The bulletin as a workbook: 逾期排名, 时限逾期, 较上周.
    public func workbook() -> XLSXWorkbook {
        func sheet(_ name: String, _ header: [String], _ rows: [[XLSXCell]], _ widths: [Double]) -> XLSXSheet {
            PeriodReport.titledTable(title, name, header: header, rows: rows, widths: widths)
        }
        func number(_ value: Double?) -> XLSXCell { value.map { .number(Decimal($0)) } ?? .text("-") }
        let ranking = overdueByTown.enumerated().map { [.number(Decimal($0.offset + 1)), .text("乡镇"), .text($0.element.name), .number(Decimal($0.element.overdue)), number($0.element.rate)] }
            + overdueBySector.enumerated().map { [.number(Decimal($0.offset + 1)), .text("行业"), .text($0.element.name), .number(Decimal($0.element.overdue)), number($0.element.rate)] }
        return XLSXWorkbook(sheets: [
            sheet("逾期排名", ["名次", "类别", "名称", "逾期任务", "完成率(%)"], ranking, [8, 8, 28, 12, 12]),
            sheet(
                "时限逾期", ["编号", "时限", "任务", "单位", "截止日期"],
                clocksOverdue.map { [.number(Decimal($0.id)), .text(Self.clockDuties[$0.dutyID] ?? ""), .text($0.duty), .text($0.unit), .text($0.dueDate)] },
                [10, 8, 36, 24, 14]),
            sheet(
                "较上周", ["项目", "本周", "上周", "是否改善"],
                changes.map { [.text($0.name), number($0.thisWeek), number($0.lastWeek), .text($0.improved.map { $0 ? "改善" : "未改善" } ?? "-")] }
                    + [[.text("本周新增预警"), .number(Decimal(alertsRaised)), .empty, .empty], [.text("整改台账逾期问题"), .number(Decimal(ledgerOverdue)), .empty, .empty]],
                [26, 12, 12, 12]),
        ])
    }

    enum CodingKeys: String, CodingKey {
        case title, week, changes
        case overdueByTown = "overdue_by_town"
        case overdueBySector = "overdue_by_sector"
        case alertsRaised = "alerts_raised"
        case alertsOnTimeShare = "alerts_on_time_share"
        case clocksOverdue = "clocks_overdue"
        case ledgerOverdue = "ledger_overdue"
    }
}
