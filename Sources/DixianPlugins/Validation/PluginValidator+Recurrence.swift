import DixianCore

extension PluginValidator {
    /// Substitutes parameters into a recurrence and checks it as if written literally (check 8).
    func resolveRecurrence(
        _ declaration: Located<RecurrenceDeclaration>,
        window: PluginManifest.WindowDeclaration?,
        in context: inout PluginContext,
        references: inout [String: String]
    ) -> Recurrence? {
        func day(_ field: RecurrenceDeclaration.Day, _ path: String, month: Located<Int>? = nil) -> DayOfMonth? {
            guard
                let resolved = resolve(
                    field, path: path, kinds: [.integer], in: &context, references: &references,
                    convert: { if case .integer(let value) = $0 { value } else { nil } })
            else { return nil }
            guard let day = DayOfMonth(resolved.value) else {
                fields.error(
                    resolved.value == 0
                        ? "日期不能为 0 (day 0 is not a day of the month)"
                        : "日期 \(resolved.value) 超出范围 (day of month out of range)",
                    at: resolved.location, hint: resolved.hint ?? "1–31 正数第几日，-1–-31 倒数第几日 / from the start or the end")
                return nil
            }
            if let month, !day.existsEveryYear(inMonth: month.value) {
                fields.error(
                    "\(month.value)月\(day.value)日并非每年都有 (date does not exist every year)",
                    at: resolved.location, hint: "月末请用 / for the month end use day: -1")
                return nil
            }
            return day
        }

        switch declaration.value {
        case .weekly(let field):
            return resolve(
                field, path: "recurrence.weekly.weekday", kinds: [.enum], in: &context, references: &references,
                check: { parameter in
                    let codes = Set(Weekday.allCases.map(\.rawValue))
                    return (parameter.allowedValues ?? []).allSatisfy(codes.contains)
                        ? nil : "星期参数的 values 必须都是星期代码 MO…SU (weekday parameter must be an enum of weekday codes)"
                },
                convert: { if case .text(let code) = $0 { Weekday(rawValue: code) } else { nil } }
            ).map { .weekly($0.value) }
        case .monthly(let field):
            return day(field, "recurrence.monthly.day").map { .monthly($0) }
        case .quarterly(let month, let field):
            return day(field, "recurrence.quarterly.day").map { .quarterly(monthOfQuarter: month, day: $0) }
        case .yearly(let month, let field):
            return day(field, "recurrence.yearly.day", month: month)
                .flatMap { MonthDay(month: month.value, day: $0) }.map { .yearly($0) }
        case .twiceAYear(let dates):
            let resolved = dates.enumerated().map { index, date in
                day(date.day, "recurrence.twice_a_year[\(index)].day", month: date.month)
                    .flatMap { MonthDay(month: date.month.value, day: $0) }
            }
            if dates.count == 2, !(dates[0].month.value <= 6 && dates[1].month.value > 6) {
                fields.error(
                    "twice_a_year 须先写 1–6 月的日期，再写 7–12 月的日期 (one date in Jan–Jun, then one in Jul–Dec)",
                    at: dates[0].month.location, hint: "如 / e.g. [{month: 6, day: 30}, {month: 12, day: 31}]")
                return nil
            }
            guard resolved.count == 2, let first = resolved[0], let second = resolved[1] else { return nil }
            return .twiceAYear(first: first, second: second)
        case .once(let field):
            return resolve(
                field, path: "recurrence.once", kinds: [.date], in: &context, references: &references,
                convert: { if case .date(let date) = $0 { date } else { nil } }
            ).map { .once($0.value) }
        case .rule(let rule):
            if rule.value.interval > 1, window?.from == nil {
                fields.error(
                    "RRULE 的 INTERVAL 大于 1 时须设置 window.from 作为起点 (INTERVAL > 1 needs window.from)",
                    at: rule.location, hint: "window: {from: \"2026-01-01\"}")
                return nil
            }
            return .rule(rule.value)
        case .afterEvent(let event, let delay, let inWorkdays, let alertsFrom):
            if let alertsFrom, !event.value.isAlertEvent {
                fields.error(
                    "alerts_from 只能用于预警事件 (alerts_from only with alert_raised or alert_verified)",
                    at: alertsFrom.location)
            }
            let path = "recurrence.after_event." + (inWorkdays ? "workdays" : "days")
            guard
                let count = resolve(
                    delay, path: path, kinds: [.days], in: &context, references: &references,
                    convert: { if case .integer(let value) = $0 { value } else { nil } })
            else { return nil }
            guard (0...3660).contains(count.value) else {
                fields.error("天数 \(count.value) 超出范围 0–3660 (out of range)", at: count.location, hint: count.hint)
                return nil
            }
            return .afterEvent(
                EventTrigger(
                    event: event.value, delay: inWorkdays ? .workdays(count.value) : .days(count.value),
                    alertsFrom: alertsFrom?.value ?? .own))
        }
    }
}
