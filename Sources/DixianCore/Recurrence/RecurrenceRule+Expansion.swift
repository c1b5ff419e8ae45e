// PLACEHOLDER (replaced by the recurrence engine work in this issue): the API the scheduler codes against.
extension RecurrenceRule {
    /// The rule's occurrences from `start` (RFC 5545 DTSTART, local wall clock), in order, lazily:
    /// an endless rule gives an endless sequence, so callers stop when they pass their range.
    ///
    /// `start` is itself the first occurrence only if it matches the rule (as python-dateutil does).
    public func occurrences(from start: LocalDateTime) -> some Sequence<LocalDateTime> {
        EmptyCollection<LocalDateTime>()
    }
}
