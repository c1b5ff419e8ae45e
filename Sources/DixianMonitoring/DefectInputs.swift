import DixianCore

/// The records the defect detectors read, as the Store returns them: signals with their verification, inclusions,
/// measures and the 10- and 30-day clocks.
public struct DefectInputs: Sendable, Hashable {
    public struct Signal: Sendable, Hashable {
        public var householdID: String
        public var unitCode: String
        public var raisedOn: CalendarDate
        /// The verification deadline (the `alert_verification` occurrence's due date).
        public var verifyBy: CalendarDate
        /// When it was verified, effective date, and whether the risk was confirmed.
        public var verifiedOn: CalendarDate?
        public var riskConfirmed: Bool

        public init(
            householdID: String, unitCode: String, raisedOn: CalendarDate, verifyBy: CalendarDate,
            verifiedOn: CalendarDate? = nil, riskConfirmed: Bool = false
        ) {
            self.householdID = householdID
            self.unitCode = unitCode
            self.raisedOn = raisedOn
            self.verifyBy = verifyBy
            self.verifiedOn = verifiedOn
            self.riskConfirmed = riskConfirmed
        }
    }

    public struct Measure: Sendable, Hashable {
        public var householdID: String
        public var unitCode: String
        public var recordedOn: CalendarDate

        public init(householdID: String, unitCode: String, recordedOn: CalendarDate) {
            self.householdID = householdID
            self.unitCode = unitCode
            self.recordedOn = recordedOn
        }
    }

    public struct Clock: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// 10 days: a help plan and one helper.
            case helpPlan = "help_plan"
            /// 30 days: a measure in place for every risk.
            case measures
        }

        public var householdID: String
        public var unitCode: String
        public var kind: Kind
        public var dueOn: CalendarDate
        public var metOn: CalendarDate?

        public init(householdID: String, unitCode: String, kind: Kind, dueOn: CalendarDate, metOn: CalendarDate? = nil) {
            self.householdID = householdID
            self.unitCode = unitCode
            self.kind = kind
            self.dueOn = dueOn
            self.metOn = metOn
        }
    }

    public var signals: [Signal]
    /// Monitored households and the day their inclusion took effect.
    public var inclusions: [String: CalendarDate]
    public var measures: [Measure]
    public var clocks: [Clock]

    public init(signals: [Signal] = [], inclusions: [String: CalendarDate] = [:], measures: [Measure] = [], clocks: [Clock] = []) {
        self.signals = signals
        self.inclusions = inclusions
        self.measures = measures
        self.clocks = clocks
    }
}
