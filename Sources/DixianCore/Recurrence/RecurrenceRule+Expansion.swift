extension RecurrenceRule {
    /// The rule's occurrences from `start` (RFC 5545 DTSTART, local wall clock), in order, lazily:
    /// an endless rule gives an endless sequence, so callers stop when they pass their range.
    ///
    /// `start` is itself the first occurrence only if it matches the rule (as python-dateutil does).
    /// Every occurrence has `start`'s time of day. `COUNT` counts what is yielded; `UNTIL` is
    /// inclusive and compared as a wall clock (convert a UTC `UNTIL` first, see ``untilIsUTC``). A rule
    /// that can never match again ends after one 400-year calendar cycle of empty periods, and every
    /// rule ends at 9999-12-31.
    ///
    /// ```swift
    /// let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR")
    /// let start = LocalDateTime(date: CalendarDate(year: 2026, month: 7, day: 1)!, hour: 9)!
    /// rule.occurrences(from: start).prefix(2)  // 2026-07-31T09:00:00, 2026-08-28T09:00:00
    /// ```
    public func occurrences(from start: LocalDateTime) -> Occurrences {
        Occurrences(plan: RecurrenceExpansionPlan(rule: self, start: start))
    }

    /// The occurrences of a rule from a start: see ``RecurrenceRule/occurrences(from:)``.
    public struct Occurrences: Sequence, Sendable {
        let plan: RecurrenceExpansionPlan

        public func makeIterator() -> Iterator {
            Iterator(plan: plan)
        }

        /// Walks the rule period by period (year, month, week or day), keeping one period's days.
        public struct Iterator: IteratorProtocol, Sendable {
            private let plan: RecurrenceExpansionPlan
            /// The next period to expand; nil once past the end.
            private var anchor: Int?
            private var isFirstPeriod = true
            private var emptyPeriods = 0
            /// The current period's matching days (day numbers) and how many are consumed.
            private var days: [Int] = []
            private var nextIndex = 0
            private var scratch: [Int] = []
            private var remaining: Int?
            private var finished = false

            init(plan: RecurrenceExpansionPlan) {
                self.plan = plan
                self.anchor = plan.firstAnchor
                self.remaining = plan.count
            }

            public mutating func next() -> LocalDateTime? {
                while !finished {
                    guard nextIndex < days.count else {
                        expandNextPeriod()
                        continue
                    }
                    let day = days[nextIndex]
                    nextIndex += 1
                    if let until = plan.untilSeconds,
                        day * 86_400 + plan.hour * 3_600 + plan.minute * 60 + plan.second > until
                    {
                        break
                    }
                    if day < plan.startDay { continue }
                    if let left = remaining {
                        guard left > 0 else { break }
                        remaining = left - 1
                    }
                    guard let date = CalendarDate(dayNumber: day) else { break }
                    return LocalDateTime(date: date, hour: plan.hour, minute: plan.minute, second: plan.second)
                }
                finished = true
                return nil
            }

            private mutating func expandNextPeriod() {
                guard let current = anchor else {
                    finished = true
                    return
                }
                days.removeAll(keepingCapacity: true)
                nextIndex = 0
                plan.candidates(anchor: current, into: &days, scratch: &scratch)
                // The first period is not a full one (WEEKLY starts at DTSTART), so it does not count.
                if !isFirstPeriod {
                    emptyPeriods = days.isEmpty ? emptyPeriods + 1 : 0
                }
                isFirstPeriod = false
                anchor = emptyPeriods >= plan.cycleLength ? nil : plan.anchor(after: current)
            }
        }
    }
}
