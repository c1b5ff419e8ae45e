/// What starts an event duty's clock (`after_event`): an event of the monitoring procedure and a delay.
public struct EventTrigger: Sendable, Hashable {
    /// An event of the monitoring procedure (防止返贫动态监测和帮扶). All occur at the household's village.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        /// 预警产生: a screening rule, a cadre's report or a self-declaration creates an alert.
        case alertRaised = "alert_raised"
        /// 预警核实完成: the village/town records its verification.
        case alertVerified = "alert_verified"
        /// 纳入监测: a household is included as one of the three groups (三类群体).
        case householdIncluded = "household_included"
        /// 帮扶计划制定: the help plan is declared and the one helper assigned.
        case helpPlanMade = "help_plan_made"
        /// 帮扶措施落实: the targeted measures are recorded as in place.
        case measuresInPlace = "measures_in_place"
        /// 风险消除: risk elimination is approved.
        case riskEliminated = "risk_eliminated"
        /// 整改时限: a rectification ledger problem's deadline (整改台账). Its instant is the deadline itself, so
        /// a duty on it is due `days: 0` after and opens weeks before (`opens`), for the weekly 调度 reminders.
        case rectificationDeadline = "rectification_deadline"

        /// Whether the event concerns one monitored household (the four after verification).
        public var isHouseholdEvent: Bool {
            [.householdIncluded, .helpPlanMade, .measuresInPlace, .riskEliminated].contains(self)
        }

        /// Whether the event is about an alert (`alert_raised`, `alert_verified`).
        public var isAlertEvent: Bool {
            self == .alertRaised || self == .alertVerified
        }

        /// The Chinese name, e.g. `纳入监测`.
        public var chineseName: String {
            switch self {
            case .alertRaised: "预警产生"
            case .alertVerified: "预警核实完成"
            case .householdIncluded: "纳入监测"
            case .helpPlanMade: "帮扶计划制定"
            case .measuresInPlace: "帮扶措施落实"
            case .riskEliminated: "风险消除"
            case .rectificationDeadline: "整改时限"
            }
        }
    }

    /// How long after the event the duty falls due.
    public enum Delay: Sendable, Hashable, CustomStringConvertible {
        /// The event's local date plus this many calendar days.
        case days(Int)
        /// The this-many-th workday after the event's local date.
        case workdays(Int)

        /// `10天` or `5个工作日`.
        public var description: String {
            switch self {
            case .days(let count): "\(count)天"
            case .workdays(let count): "\(count)个工作日"
            }
        }
    }

    /// Which alerts an alert-event duty reacts to (`alerts_from`).
    public enum AlertSource: String, Sendable, Hashable, CaseIterable {
        /// Only alerts from the plugin's own rules (default).
        case own
        /// Every alert, including cadre reports and self-declarations.
        case any
    }

    /// The event.
    public var event: Event
    /// The delay after it.
    public var delay: Delay
    /// For alert events: whose alerts count.
    public var alertsFrom: AlertSource

    /// Creates a trigger.
    public init(event: Event, delay: Delay, alertsFrom: AlertSource = .own) {
        self.event = event
        self.delay = delay
        self.alertsFrom = alertsFrom
    }
}
