/// A signal's verification deadline (核实期限) as the counts and lists of signals read it: the first due time of its
/// `alert_raised` clock's occurrences. A signal whose clock has not started yet has none and is never overdue.
enum SignalDeadline {
    /// `LEFT JOIN LATERAL … d` over a signal row `s`, giving `d.first_due` (the instant) and `d.first_due_date`.
    static let join = """
        LEFT JOIN LATERAL (SELECT min(o.due_at) AS first_due, min(o.due_date) AS first_due_date FROM occurrences o
                            WHERE o.event_clock_id = s.event_clock_id) d ON true
        """
}
