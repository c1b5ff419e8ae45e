/// The duration syntax of dixian's YAML files: an integer and a unit, e.g. `500ms`, `10s`, `5m`, `2h`, `1d`.
///
/// Parts may be combined from largest to smallest unit, as in `1h30m`. Units are `ms`, `s`, `m`, `h` and
/// `d` (24 hours; schedules that follow the calendar use dates, not durations). A bare number is
/// rejected: `timeout: 10` is ambiguous, and guessing seconds has caused many outages elsewhere.
public enum YAMLDuration {
    /// Units, largest first; the order a combined duration must follow.
    static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ]

    /// A hint that shows the syntax, for diagnostics.
    public static let syntaxHint = "格式 / format: 500ms, 10s, 5m, 2h, 1d, 1h30m"

    /// Parses `text`, or returns nil when it is not valid duration syntax or exceeds about 290 million years.
    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var previousRank = -1
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                let (scaled, overflowA) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = scaled.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
                guard !overflowA, !overflowB else { return nil }
                number = sum
                index += 1
            }
            let unitStart = index
            while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) {
                index += 1
            }
            guard index > digitsStart, unitStart > digitsStart else { return nil }
            let symbol = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            // Each unit at most once and largest first, so `1m1h` or `5s5s` are rejected as likely typos.
            guard let rank = units.firstIndex(where: { $0.symbol == symbol }), rank > previousRank else {
                return nil
            }
            previousRank = rank
            let (part, overflowA) = number.multipliedReportingOverflow(by: units[rank].milliseconds)
            let (sum, overflowB) = total.addingReportingOverflow(part)
            guard !overflowA, !overflowB else { return nil }
            total = sum
        }
        return .milliseconds(total)
    }

    /// Formats a duration in the same syntax, e.g. `10s` or `1h30m`; sub-millisecond parts are dropped.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        var remaining = overflow ? (seconds < 0 ? Int64.min : Int64.max) : whole
        remaining = remaining.addingReportingOverflow(attoseconds / 1_000_000_000_000_000).partialValue
        guard remaining != 0 else { return "0s" }
        var text = ""
        if remaining < 0 {
            text = "-"
            remaining = remaining == .min ? .max : -remaining
        }
        for unit in units where remaining >= unit.milliseconds {
            text += "\(remaining / unit.milliseconds)\(unit.symbol)"
            remaining %= unit.milliseconds
        }
        return text
    }
}
