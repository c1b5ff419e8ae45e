import DixianCore
import DixianYAML

extension ManifestReader {
    /// The recurrence forms, in the order plugins/README.md §7 lists them.
    static let recurrenceForms = [
        "weekly", "monthly", "quarterly", "yearly", "twice_a_year", "once", "rrule", "after_event",
    ]

    /// Where the search for a rule that never occurs starts (a leap year, the first of a 400-year cycle).
    static let feasibilityStart = LocalDateTime(date: CalendarDate(year: 2000, month: 1, day: 1)!)!

    /// `recurrence:`, a mapping with exactly one form.
    func readRecurrence(_ value: YAMLValue) -> RecurrenceDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let forms = reader.keys.filter(Self.recurrenceForms.contains)
        if reader.keys.isEmpty {
            value.error(
                "recurrence 需要恰好一种形式 (recurrence needs exactly one form)",
                hint: Self.recurrenceForms.joined(separator: ", "))
        }
        for extra in forms.dropFirst() {
            fields.error(
                "recurrence 只能有一种形式，多了 '\(extra)' (exactly one form allowed)",
                at: reader.keyLocation(extra) ?? value.location)
        }
        // Mark every form as known so finish() reports only true unknown keys, with did-you-mean hints.
        var result: RecurrenceDeclaration?
        for form in Self.recurrenceForms {
            guard let formValue = reader.value(form) else { continue }
            let read = readForm(form, formValue)
            if form == forms.first { result = read }
        }
        return result
    }

    private func readForm(_ form: String, _ value: YAMLValue) -> RecurrenceDeclaration? {
        switch form {
        case "weekly":
            return withMapping(value) { reader in
                reader.value("weekday", required: true).flatMap { weekday in
                    orParameter(weekday, expected: nil) { $0.enum(Weekday.self) }
                }.map(RecurrenceDeclaration.weekly)
            }
        case "monthly":
            return withMapping(value) { reader in
                day(reader.value("day", required: true)).map { .monthly(day: $0) }
            }
        case "quarterly":
            return withMapping(value) { reader in
                let month = fields.int(reader.value("month_of_quarter"), in: 1...3)
                return day(reader.value("day", required: true)).map {
                    .quarterly(monthOfQuarter: month?.value ?? 3, day: $0)
                }
            }
        case "yearly":
            return withMapping(value) { reader in
                monthDay(&reader).map { .yearly(month: $0.month, day: $0.day) }
            }
        case "twice_a_year":
            guard let items = value.sequence() else { return nil }
            guard items.count == 2 else {
                value.error(
                    "twice_a_year 须恰好两个日期 (exactly two dates)", hint: "[{month: 6, day: 30}, {month: 12, day: 31}]")
                return nil
            }
            let dates = items.compactMap { item in withMapping(item) { monthDay(&$0) } }
            return dates.count == 2 ? .twiceAYear(dates) : nil
        case "once":
            return dateOrParameter(value).map(RecurrenceDeclaration.once)
        case "rrule":
            guard let text = value.string() else { return nil }
            do {
                let rule = try RecurrenceRule(parsing: text)
                if let reason = rule.impossibility(from: Self.feasibilityStart) {
                    value.warning(reason, hint: "检查 BYMONTH、BYMONTHDAY、BYDAY 与 INTERVAL / check the BY… parts")
                }
                return .rule(Located(rule, at: value.location))
            } catch {
                fields.report(error, in: value, text: text, what: "RRULE")
                return nil
            }
        default:
            return withMapping(value) { readAfterEvent(&$0) }
        }
    }

    private func readAfterEvent(_ reader: inout MappingReader) -> RecurrenceDeclaration? {
        let event = fields.oneOf(reader.value("event", required: true), EventTrigger.Event.self)
        let days = reader.value("days")
        let workdays = reader.value("workdays")
        if days != nil, let workdays {
            fields.error("days 与 workdays 只能写一个 (days or workdays, not both)", at: workdays.location)
        } else if days == nil, workdays == nil {
            fields.error("after_event 需要 days 或 workdays (needs days or workdays)", at: reader.location)
        }
        let alertsFrom = fields.oneOf(reader.value("alerts_from"), EventTrigger.AlertSource.self)
        let delay = (days ?? workdays).flatMap { value in
            orParameter(value, expected: "应为 0–3660 的整数或 $参数 (expected an integer 0–3660 or a $parameter)") {
                $0.int(in: 0...3660)
            }
        }
        guard let event, let delay else { return nil }
        return .afterEvent(event: event, delay: delay, inWorkdays: days == nil, alertsFrom: alertsFrom)
    }

    /// `{month, day}`.
    private func monthDay(_ reader: inout MappingReader) -> (month: Located<Int>, day: RecurrenceDeclaration.Day)? {
        let month = fields.int(reader.value("month", required: true), in: 1...12)
        let day = day(reader.value("day", required: true))
        guard let month, let day else { return nil }
        return (month, day)
    }

    /// A day of month: ±1…31 (0 is reported later, with parameter values) or `$integer_parameter`.
    private func day(_ value: YAMLValue?) -> RecurrenceDeclaration.Day? {
        value.flatMap { value in
            orParameter(value, expected: "应为 1–31、-1–-31 的整数或 $参数 (expected a day of month or a $parameter)") {
                $0.int(in: -31...31)
            }
        }
    }

    private func withMapping<T>(_ value: YAMLValue, _ body: (inout MappingReader) -> T?) -> T? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        return body(&reader)
    }
}
