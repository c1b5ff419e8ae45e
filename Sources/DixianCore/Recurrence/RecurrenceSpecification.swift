/// A recurrence as iCalendar writes it: a `DTSTART` line (optionally with a zone) and an `RRULE` line.
///
/// ```
/// DTSTART;TZID=Asia/Shanghai:20260701T090000
/// RRULE:FREQ=MONTHLY;BYDAY=-1FR
/// ```
/// Lines may be separated by any white space, in either order; a bare `FREQ=…` or `RRULE:FREQ=…` is
/// a specification without a start. The rule uses the ``RecurrenceRule/Profile/full`` profile. Zones
/// are kept as names: resolving them is IO, which stays out of the core.
public struct RecurrenceSpecification: Sendable, Hashable, CustomStringConvertible {
    /// `DTSTART` as a wall clock (in ``timeZoneID`` when given); nil when the text had no `DTSTART`.
    /// A date alone (`DTSTART;VALUE=DATE:20260701`) means midnight.
    public var start: LocalDateTime?
    /// `TZID`, e.g. `Asia/Shanghai`; `UTC` for a `DTSTART` written with `Z`; nil for a floating time.
    public var timeZoneID: String?
    /// The `RRULE`.
    public var rule: RecurrenceRule

    /// Creates a specification.
    public init(start: LocalDateTime? = nil, timeZoneID: String? = nil, rule: RecurrenceRule) {
        self.start = start
        self.timeZoneID = timeZoneID
        self.rule = rule
    }

    /// Parses the text, reporting the first problem with its offset (in Unicode scalars) in the whole text.
    public init(parsing text: some StringProtocol) throws(RecurrenceSyntaxError) {
        let scalars = Array(text.unicodeScalars)
        var lines: [(text: String, offset: Int)] = []
        var index = 0
        while index < scalars.count {
            if scalars[index].properties.isWhitespace {
                index += 1
                continue
            }
            let begin = index
            while index < scalars.count, !scalars[index].properties.isWhitespace { index += 1 }
            lines.append((String(String.UnicodeScalarView(scalars[begin..<index])), begin))
        }
        guard !lines.isEmpty else {
            throw RecurrenceSyntaxError(.empty, at: 0, "RRULE 为空 (empty RRULE)", hint: RecurrenceRule.syntaxHint)
        }
        var rule: RecurrenceRule?
        var start: (value: LocalDateTime, zone: String?)?
        for line in lines {
            if Self.upper(line.text).hasPrefix("DTSTART") {
                guard start == nil else {
                    throw RecurrenceSyntaxError(.repeatedPart, at: line.offset, "DTSTART 重复 (DTSTART repeated)")
                }
                start = try Self.parseStart(line.text, at: line.offset)
                continue
            }
            guard rule == nil else {
                throw RecurrenceSyntaxError(
                    .repeatedPart, at: line.offset, "只能有一条 RRULE (only one RRULE)",
                    hint: "规则中不能有空格 / a rule has no spaces")
            }
            let prefixed = Self.upper(line.text).hasPrefix("RRULE:")
            let body = prefixed ? line.text.dropFirst(6) : line.text[...]
            do {
                rule = try RecurrenceRule(parsing: body, profile: .full)
            } catch {
                throw RecurrenceSyntaxError(
                    error.code, at: error.offset + line.offset + (prefixed ? 6 : 0), error.message, hint: error.hint)
            }
        }
        guard let rule else {
            throw RecurrenceSyntaxError(
                .empty, at: scalars.count, "缺少 RRULE 行 (missing RRULE line)",
                hint: "如 / e.g. RRULE:FREQ=MONTHLY;BYDAY=-1FR")
        }
        self.init(start: start?.value, timeZoneID: start?.zone, rule: rule)
    }

    /// `text` with ASCII letters in upper case, for case-insensitive names (RFC 5545 §2).
    private static func upper(_ text: some StringProtocol) -> String {
        String(String.UnicodeScalarView(RecurrenceRule.upperCasedASCII(text)))
    }

    /// `DTSTART[;TZID=zone|;VALUE=DATE|;VALUE=DATE-TIME]:value`.
    private static func parseStart(
        _ line: String, at offset: Int
    ) throws(RecurrenceSyntaxError) -> (LocalDateTime, String?) {
        let hint = "如 / e.g. DTSTART;TZID=Asia/Shanghai:20260701T090000"
        let scalars = Array(line.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":") else {
            throw RecurrenceSyntaxError(.malformed, at: offset, "DTSTART 缺少 ':' (expected DTSTART:value)", hint: hint)
        }
        let parameters = String(String.UnicodeScalarView(scalars[..<colon]))
            .split(separator: ";", omittingEmptySubsequences: false)
        guard upper(parameters[0]) == "DTSTART" else {
            throw RecurrenceSyntaxError(.malformed, at: offset, "应为 DTSTART (expected DTSTART)", hint: hint)
        }
        var zone: String?
        var position = 7  // after "DTSTART"
        for parameter in parameters.dropFirst() {
            position += 1  // the ';'
            // Parameter names and VALUE's values are case-insensitive (RFC 5545 §2); a TZID keeps its case.
            if upper(parameter).hasPrefix("TZID="), parameter.count > 5 {
                zone = String(parameter.dropFirst(5))
            } else if upper(parameter) != "VALUE=DATE", upper(parameter) != "VALUE=DATE-TIME" {
                throw RecurrenceSyntaxError(
                    .malformed, at: offset + position, "不支持的 DTSTART 参数 '\(parameter)' (unsupported parameter)",
                    hint: "可用 / allowed: TZID=…, VALUE=DATE")
            }
            position += parameter.unicodeScalars.count
        }
        var value = upper(String(String.UnicodeScalarView(scalars[(colon + 1)...])))
        let isUTC = value.hasSuffix("Z")
        if isUTC {
            guard zone == nil else {
                throw RecurrenceSyntaxError(
                    .malformed, at: offset + scalars.count - 1,
                    "带 TZID 的 DTSTART 不能以 Z 结尾 (TZID and Z together)", hint: hint)
            }
            value.removeLast()
            zone = "UTC"
        }
        guard let start = LocalDateTime(basicFormat: value) else {
            throw RecurrenceSyntaxError(
                .malformed, at: offset + colon + 1, "DTSTART 不是有效的日期时间 '\(value)' (invalid date-time)",
                hint: "格式 / format: YYYYMMDDTHHMMSS 或 / or YYYYMMDD")
        }
        return (start, zone)
    }

    /// The two-line form (one line when there is no start); parsing it gives back an equal value.
    public var description: String {
        guard let start else { return "RRULE:\(rule)" }
        let head =
            switch timeZoneID {
            case nil: "DTSTART:\(start.basicFormat)"
            case "UTC": "DTSTART:\(start.basicFormat)Z"
            case let zone?: "DTSTART;TZID=\(zone):\(start.basicFormat)"
            }
        return head + "\nRRULE:\(rule)"
    }
}
