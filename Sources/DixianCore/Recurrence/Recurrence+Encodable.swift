// JSON shapes mirror how plugins write the values (plugins/README.md §7, §8), so that
// `dixian plugins show --format json` and later the HTTP API read like the YAML.

extension CalendarDate: Encodable {
    /// `"2026-08-15"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension TimeOfDay: Encodable {
    /// `"18:00"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ScheduleOffset: Encodable {
    /// `"-3d@09:00"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension OccurrenceOpening: Encodable {
    /// `"period_start"` or `"-10d"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension RecurrenceRule: Encodable {
    /// The canonical RRULE text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Weekday: Encodable {}
extension EventTrigger.Event: Encodable {}
extension EventTrigger.AlertSource: Encodable {}

extension MonthDay: Encodable {
    private enum CodingKeys: String, CodingKey { case month, day }

    /// `{"month": 10, "day": 31}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(month, forKey: .month)
        try container.encode(day.value, forKey: .day)
    }
}

extension Recurrence: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One key, the form, as in YAML: `{"monthly": {"day": 3}}`, `{"rrule": "FREQ=…"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let form = Key(formName)
        switch self {
        case .weekly(let weekday):
            try container.encode(["weekday": weekday.rawValue], forKey: form)
        case .monthly(let day):
            try container.encode(["day": day.value], forKey: form)
        case .quarterly(let month, let day):
            try container.encode(["month_of_quarter": month, "day": day.value], forKey: form)
        case .yearly(let date):
            try container.encode(date, forKey: form)
        case .twiceAYear(let first, let second):
            try container.encode([first, second], forKey: form)
        case .once(let date):
            try container.encode(date, forKey: form)
        case .rule(let rule):
            try container.encode(rule, forKey: form)
        case .afterEvent(let trigger):
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: form)
            try nested.encode(trigger.event, forKey: Key("event"))
            switch trigger.delay {
            case .days(let days): try nested.encode(days, forKey: Key("days"))
            case .workdays(let days): try nested.encode(days, forKey: Key("workdays"))
            }
            try nested.encode(trigger.alertsFrom, forKey: Key("alerts_from"))
        }
    }
}
