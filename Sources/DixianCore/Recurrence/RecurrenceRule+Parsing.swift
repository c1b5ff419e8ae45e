extension RecurrenceRule {
    /// Which parts a text may use.
    public enum Profile: Sendable, Hashable {
        /// What plugins may write (plugins/README.md §7): no `COUNT` or `UNTIL`, a duty's window bounds it.
        case plugin
        /// Also `COUNT` or `UNTIL` (not both), as `dixian recur` and iCalendar input take them.
        case full
    }

    /// Parts RFC 5545 defines that plugins may not use, with what to use instead.
    static let disallowedParts: [String: String] = [
        "COUNT": "用 window.until 限定结束 / use window.until for the end",
        "UNTIL": "用 window.until 限定结束 / use window.until for the end",
        "DTSTART": "用 window.from 作为起点 / use window.from as the start",
        "BYHOUR": "用 due_time 设定时刻 / use due_time for the hour",
        "BYMINUTE": "用 due_time 设定时刻 / use due_time for the hour",
        "BYSECOND": "用 due_time 设定时刻 / use due_time for the hour",
        "BYWEEKNO": "插件不支持 / not supported in plugins",
        "BYYEARDAY": "插件不支持 / not supported in plugins",
    ]

    /// Parts RFC 5545 defines that even the full profile does not take, with what to do instead.
    static let unsupportedParts: [String: String] = [
        "DTSTART": "DTSTART 须单独成行 / DTSTART goes on its own line: DTSTART;TZID=Asia/Shanghai:20260701T090000",
        "BYHOUR": "时刻取自 DTSTART / the time of day comes from DTSTART",
        "BYMINUTE": "时刻取自 DTSTART / the time of day comes from DTSTART",
        "BYSECOND": "时刻取自 DTSTART / the time of day comes from DTSTART",
        "BYWEEKNO": "请改用 BYMONTH、BYDAY / use BYMONTH and BYDAY instead",
        "BYYEARDAY": "请改用 BYMONTH、BYMONTHDAY / use BYMONTH and BYMONTHDAY instead",
    ]

    /// The optional parts, in canonical order.
    static let optionalParts = ["INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"]

    /// The parts only the full profile takes.
    static let boundParts = ["COUNT", "UNTIL"]

    static let syntaxHint = "例 / e.g. FREQ=MONTHLY;BYMONTHDAY=15,-1 或 / or FREQ=MONTHLY;BYDAY=-1FR"

    /// Parses a rule of `profile` (the plugin subset unless told), reporting the first problem with its
    /// offset in the text.
    ///
    /// Names and values are case-insensitive (RFC 5545 §3.1, §2): `freq=monthly;byday=-1fr` is
    /// `FREQ=MONTHLY;BYDAY=-1FR`. Only ASCII letters are folded, so offsets still match the text.
    public init(parsing text: some StringProtocol, profile: Profile = .plugin) throws(RecurrenceSyntaxError) {
        let scalars = Self.upperCasedASCII(text)
        guard !scalars.isEmpty else {
            throw RecurrenceSyntaxError(.empty, at: 0, "RRULE 为空 (empty RRULE)", hint: Self.syntaxHint)
        }
        var parts: [(name: String, nameOffset: Int, value: [Unicode.Scalar], valueOffset: Int)] = []
        var start = 0
        for index in 0...scalars.count where index == scalars.count || scalars[index] == ";" {
            let part = Array(scalars[start..<index])
            guard let equals = part.firstIndex(of: "=") else {
                let shown = String(String.UnicodeScalarView(part))
                throw RecurrenceSyntaxError(
                    .malformed, at: start,
                    part.isEmpty ? "RRULE 中有空的部分 (empty part)" : "应为 名称=值 (expected NAME=VALUE): '\(shown)'",
                    hint: Self.syntaxHint)
            }
            let name = String(String.UnicodeScalarView(part[..<equals]))
            parts.append((name, start, Array(part[(equals + 1)...]), start + equals + 1))
            start = index + 1
        }

        guard parts[0].name == "FREQ" else {
            let later = parts.contains { $0.name == "FREQ" }
            throw RecurrenceSyntaxError(
                .frequencyNotFirst, at: 0,
                later ? "FREQ 必须写在最前 (FREQ must come first)" : "缺少 FREQ (missing FREQ)",
                hint: Self.syntaxHint)
        }
        let frequencyText = String(String.UnicodeScalarView(parts[0].value))
        guard let frequency = Frequency(rawValue: frequencyText) else {
            throw RecurrenceSyntaxError(
                .valueOutOfRange, at: parts[0].valueOffset, "无效的 FREQ '\(frequencyText)' (invalid FREQ)",
                hint: "可选值 / allowed values: DAILY, WEEKLY, MONTHLY, YEARLY")
        }
        var rule = RecurrenceRule(frequency: frequency)
        var seen: Set<String> = []
        var setPositionOffset: Int?
        var firstOrdinalOffset: Int?
        var countOffset: Int?
        var untilOffset: Int?

        for part in parts.dropFirst() {
            try Self.checkName(part.name, at: part.nameOffset, profile: profile)
            guard seen.insert(part.name).inserted else {
                throw RecurrenceSyntaxError(
                    .repeatedPart, at: part.nameOffset, "RRULE 中 \(part.name) 重复 (part repeated)",
                    hint: "每个部分只能出现一次 / each part may appear only once")
            }
            let reader = ValueReader(scalars: part.value, base: part.valueOffset)
            switch part.name {
            case "INTERVAL":
                rule.interval = try reader.single { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.integer(1...999, signs: "", name: "INTERVAL")
                }
            case "BYMONTH":
                rule.byMonth = try reader.list { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.integer(1...12, signs: "", name: "BYMONTH")
                }
            case "BYMONTHDAY":
                rule.byMonthDay = try reader.list { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.integer(1...31, signs: "-", name: "BYMONTHDAY")
                }
            case "BYDAY":
                rule.byDay = try reader.list { (item: Item) throws(RecurrenceSyntaxError) in
                    let number = try item.weekdayNumber()
                    if number.ordinal != nil, firstOrdinalOffset == nil { firstOrdinalOffset = item.base }
                    return number
                }
            case "BYSETPOS":
                setPositionOffset = part.nameOffset
                rule.bySetPosition = try reader.list { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.integer(1...366, signs: "-", name: "BYSETPOS")
                }
            case "COUNT":
                countOffset = part.nameOffset
                rule.count = try reader.single { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.integer(1...100_000, signs: "", name: "COUNT")
                }
            case "UNTIL":
                untilOffset = part.nameOffset
                (rule.until, rule.untilIsUTC) = try reader.single { (item: Item) throws(RecurrenceSyntaxError) in
                    try item.dateTime(name: "UNTIL")
                }
            default:  // WKST
                rule.weekStart = try reader.single { (item: Item) throws(RecurrenceSyntaxError) in try item.weekday() }
            }
        }

        if let offset = firstOrdinalOffset, frequency == .daily || frequency == .weekly {
            throw RecurrenceSyntaxError(
                .ordinalWeekdayNotAllowed, at: offset,
                "FREQ=\(frequency.rawValue) 时 BYDAY 不能带序号 (ordinal BYDAY only with MONTHLY or YEARLY)",
                hint: "如 / e.g. FREQ=MONTHLY;BYDAY=-1FR")
        }
        if let countOffset, let untilOffset {
            throw RecurrenceSyntaxError(
                .countWithUntil, at: max(countOffset, untilOffset),
                "COUNT 与 UNTIL 不能同时使用 (COUNT and UNTIL are mutually exclusive)",
                hint: "RFC 5545 只允许其一 / RFC 5545 allows one of them")
        }
        if let offset = setPositionOffset, !rule.hasSelector {
            throw RecurrenceSyntaxError(
                .setPositionWithoutSelector, at: offset,
                "BYSETPOS 须与其他 BY… 部分同用 (BYSETPOS needs another BY… part)",
                hint: "如 / e.g. FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
        }
        self = rule
    }

    /// Rejects parts outside the profile with a specific message.
    private static func checkName(_ name: String, at offset: Int, profile: Profile) throws(RecurrenceSyntaxError) {
        if optionalParts.contains(name) || (profile == .full && boundParts.contains(name)) { return }
        if name == "FREQ" {
            throw RecurrenceSyntaxError(.repeatedPart, at: offset, "RRULE 中 FREQ 重复 (part repeated)")
        }
        if profile == .plugin, let hint = disallowedParts[name] {
            throw RecurrenceSyntaxError(
                .partNotAllowed, at: offset, "插件中不允许使用 \(name) (\(name) is not allowed in plugins)", hint: hint)
        }
        if profile == .full, let hint = unsupportedParts[name] {
            throw RecurrenceSyntaxError(
                .partNotAllowed, at: offset, "不支持 RRULE 部分 \(name) (\(name) is not supported)", hint: hint)
        }
        let known = optionalParts + (profile == .full ? boundParts : [])
        let hint = "可用 / allowed: FREQ, " + known.joined(separator: ", ")
        throw RecurrenceSyntaxError(.unknownPart, at: offset, "未知的 RRULE 部分 '\(name)' (unknown part)", hint: hint)
    }

    /// The scalars of `text` with ASCII letters in upper case (one scalar for one, so offsets are kept).
    static func upperCasedASCII(_ text: some StringProtocol) -> [Unicode.Scalar] {
        text.unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 0x20)! : scalar
        }
    }
}
