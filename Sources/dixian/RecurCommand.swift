import ArgumentParser
import DixianCore
import DixianScheduling
import Foundation

/// `dixian recur RRULE --start …`: prints a rule's occurrences, so that a bureau can check a rule
/// before it goes into a plugin or an override.
struct RecurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recur",
        abstract: "列出周期规则 (RRULE) 的发生时间，用于检查规则 (print the occurrences of a recurrence rule).",
        discussion: """
            按 RFC 5545 展开规则：FREQ=DAILY|WEEKLY|MONTHLY|YEARLY、INTERVAL、BYMONTH、
            BYMONTHDAY（负数从月末数）、BYDAY（序号如 1MO、-1FR 仅用于 MONTHLY/YEARLY）、
            BYSETPOS、WKST，以及 COUNT 或 UNTIL（二者取一）。
            时刻取自起点；起点本身只有符合规则时才算一次。
            每行列出当地时间、带时差的时刻与星期；夏令时跳过的时间顺延，重复的取较早一次。
            规则无效时在出错处标出 ^ 并以退出码 1 结束；没有任何发生时间时退出码也为 1。
            (Expands the rule as RFC 5545 does. The time of day comes from the start,
            which counts only if it matches. A bad rule exits 1 with a caret under it.)

            例 (examples):
              dixian recur "FREQ=MONTHLY;BYDAY=-1FR" --start 2026-07-01T09:00
              dixian recur "FREQ=MONTHLY;BYMONTHDAY=3" --start 2027-10-03T01:00:00Z --count 3
              dixian recur "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1" \\
                --start 2026-07-01T17:00 --count 12
              dixian recur "RRULE:FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=-1;COUNT=4" \\
                --start 2026-01-01T09:00
            DTSTART 与 RRULE 两行可用换行或空格分开 (the two lines may be joined by a space):
              dixian recur "DTSTART;TZID=Asia/Shanghai:20260701T090000 RRULE:FREQ=WEEKLY"
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    static let defaultTimeZone = "Asia/Shanghai"
    static let maximumCount = 1_000

    @Argument(
        help: ArgumentHelp(
            "规则：FREQ=…，可带 RRULE: 前缀，或 DTSTART 与 RRULE 两行 (the rule, optionally with DTSTART)",
            valueName: "RRULE"))
    var rule: String

    @Option(
        help: ArgumentHelp(
            "起点：当地时间如 2026-07-01T09:00，或带时差的时刻如 2026-07-01T09:00:00+08:00（换算为规则的时区）；"
                + "规则带 DTSTART 时可省略 (start: local wall clock, or an instant with offset or Z)",
            valueName: "ISO-DATETIME"))
    var start: String?

    @Option(
        name: .customLong("tz"),
        help: ArgumentHelp("时区，默认 DTSTART 的 TZID 或 Asia/Shanghai (time zone)", valueName: "ZONE"))
    var timeZone: String?

    @Option(help: "列出多少次，1–1000 (how many occurrences)")
    var count = 10

    @Option(help: "输出格式 table|json (output format)")
    var format: Format = .table

    func validate() throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw ValidationError("--count 须在 1–\(Self.maximumCount) 之间 (--count must be 1…\(Self.maximumCount))")
        }
    }

    func run() throws {
        let specification: RecurrenceSpecification
        do {
            specification = try RecurrenceSpecification(parsing: rule)
        } catch {
            throw Self.report(error, in: rule)
        }
        let zoneID = try resolveZoneID(specification)
        guard let zone = TimeZone(identifier: zoneID) else {
            throw Self.fail("未知的时区 '\(zoneID)' (unknown time zone), 如 / e.g. Asia/Shanghai")
        }
        let start = try resolveStart(specification, zone: zone)
        var rule = specification.rule
        if rule.untilIsUTC, let until = rule.until {
            // The engine compares wall clocks; UNTIL in UTC becomes the zone's wall clock at that instant.
            let instant = Date(timeIntervalSince1970: TimeInterval(until.secondsSinceEpoch))
            rule.until = instant.localDateTime(in: zone)
            rule.untilIsUTC = false
        }

        let occurrences = Array(rule.occurrences(from: start).prefix(count + 1))
        let shown = occurrences.prefix(count).map { local in
            let instant = local.instant(in: zone)
            return Row(local: local, instant: Self.iso8601(instant, in: zone))
        }
        let ends = occurrences.count <= count
        switch format {
        case .json:
            try printJSON(
                JSONOutput(
                    rule: specification.rule.description, start: start.description, time_zone: zoneID, ends: ends,
                    occurrences: shown.map {
                        .init(
                            local: $0.local.description, instant: $0.instant, weekday: $0.local.date.weekday.rawValue,
                            weekday_name: $0.local.date.weekday.chineseName)
                    }))
        case .table:
            print("规则 \(specification.rule) · 起点 \(start) · 时区 \(zoneID)")
            if !shown.isEmpty {
                printTable(
                    ["序号", "当地时间", "时刻 (带时差)", "星期"],
                    shown.enumerated().map { index, row in
                        [String(index + 1), Self.spaced(row.local), row.instant, row.local.date.weekday.chineseName]
                    })
            }
            if ends, !shown.isEmpty { print("规则到此结束，共 \(shown.count) 次 (the rule ends here)") }
        }
        if shown.isEmpty {
            var standardError = StandardError()
            print("该规则从起点起没有任何发生时间 (the rule has no occurrences from the start)", to: &standardError)
            if let reason = rule.impossibility(from: start) {
                print("  原因 (reason): \(reason)", to: &standardError)
            }
            throw ExitCode.failure
        }
    }

    private struct Row {
        var local: LocalDateTime
        var instant: String
    }

    private struct JSONOutput: Encodable {
        struct Occurrence: Encodable {
            var local: String, instant: String, weekday: String, weekday_name: String
        }

        var rule: String, start: String, time_zone: String, ends: Bool
        var occurrences: [Occurrence]
    }

    /// `--start`, else DTSTART; both only when they agree. A `--start` with an offset or `Z` is an instant,
    /// taken as the wall clock of the rule's zone at that instant.
    private func resolveStart(_ specification: RecurrenceSpecification, zone: TimeZone) throws -> LocalDateTime {
        guard let text = start else {
            guard let start = specification.start else {
                throw Self.fail("缺少起点：请给出 --start 或 DTSTART 行 (missing start: use --start or a DTSTART line)")
            }
            return start
        }
        let instant = OffsetDateTime(iso: text).map { Date(timeIntervalSince1970: TimeInterval($0.secondsSinceEpoch)) }
        guard let start = instant?.localDateTime(in: zone) ?? LocalDateTime(iso: text) ?? LocalDateTime(basicFormat: text)
        else {
            throw Self.fail(
                "--start 应为当地时间如 2026-07-01T09:00，或带时差的时刻如 2026-07-01T09:00:00+08:00、2026-07-01T01:00:00Z"
                    + " (expected a local date-time, or one with an offset or Z): '\(text)'")
        }
        if let given = specification.start, given != start {
            throw Self.fail("--start \(start) 与 DTSTART \(given) 不一致 (--start and DTSTART disagree)")
        }
        return start
    }

    /// `--tz`, else DTSTART's TZID, else Asia/Shanghai; `--tz` and TZID only when they agree.
    private func resolveZoneID(_ specification: RecurrenceSpecification) throws -> String {
        if let timeZone, let given = specification.timeZoneID, given != timeZone {
            throw Self.fail("--tz \(timeZone) 与 DTSTART 的时区 \(given) 不一致 (--tz and TZID disagree)")
        }
        return timeZone ?? specification.timeZoneID ?? Self.defaultTimeZone
    }

    /// Prints `message` to standard error; exit code 1.
    private static func fail(_ message: String) -> ExitCode {
        var standardError = StandardError()
        print(message, to: &standardError)
        return ExitCode.failure
    }

    /// Prints the error with the offending line and a caret under its column; exit code 1.
    static func report(_ error: RecurrenceSyntaxError, in text: String) -> ExitCode {
        var standardError = StandardError()
        print("规则无效 (invalid rule): \(error.message)", to: &standardError)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lineStart = 0
        for (index, line) in lines.enumerated() {
            let length = line.unicodeScalars.count
            // An offset just past a line's end points there (a missing part), not at the next line.
            if error.offset <= lineStart + length || index == lines.count - 1 {
                let shown = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                let column = min(error.offset - lineStart, shown.unicodeScalars.count)
                print("  " + shown, to: &standardError)
                let indent = String(repeating: " ", count: Self.width(of: shown.unicodeScalars.prefix(column)))
                print("  " + indent + "^", to: &standardError)
                break
            }
            lineStart += length + 1
        }
        if let hint = error.hint { print("  提示 (hint): \(hint)", to: &standardError) }
        return ExitCode.failure
    }

    /// Terminal cells: CJK characters take two.
    private static func width(of scalars: some Sequence<Unicode.Scalar>) -> Int {
        scalars.reduce(0) { $0 + ((0x1100...0xFFDC).contains($1.value) || $1.value >= 0x20000 ? 2 : 1) }
    }

    /// `2026-07-31 09:00:00`: the date-time as people read it.
    private static func spaced(_ local: LocalDateTime) -> String {
        local.description.replacingOccurrences(of: "T", with: " ")
    }

    /// `2026-07-31T09:00:00+08:00`.
    static func iso8601(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3_600
        let minutes = abs(offset) % 3_600 / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return instant.localDateTime(in: zone).description + sign + two(hours) + ":" + two(minutes)
    }
}
