extension RecurrenceRule {
    /// Reads the value of one `NAME=VALUE` part: a single item or a comma-separated list.
    struct ValueReader {
        var scalars: [Unicode.Scalar]
        /// Offset of `scalars[0]` in the whole rule text.
        var base: Int

        /// The value as one item.
        func single<T>(_ read: (Item) throws(RecurrenceSyntaxError) -> T) throws(RecurrenceSyntaxError) -> T {
            try read(Item(scalars: scalars[...], base: base))
        }

        /// The value as a non-empty comma-separated list.
        func list<T>(_ read: (Item) throws(RecurrenceSyntaxError) -> T) throws(RecurrenceSyntaxError) -> [T] {
            var values: [T] = []
            var start = 0
            for index in 0...scalars.count where index == scalars.count || scalars[index] == "," {
                values.append(try read(Item(scalars: scalars[start..<index], base: base + start)))
                start = index + 1
            }
            return values
        }
    }

    /// One item of a value, e.g. `-1FR` or `15`.
    struct Item {
        var scalars: ArraySlice<Unicode.Scalar>
        /// Offset of the item's first scalar in the whole rule text.
        var base: Int

        var text: String { String(String.UnicodeScalarView(scalars)) }

        /// A signed integer in ±`range` (sign characters allowed in `signs`), no leading zeros.
        func integer(_ range: ClosedRange<Int>, signs: String, name: String) throws(RecurrenceSyntaxError) -> Int {
            guard !scalars.isEmpty else {
                throw RecurrenceSyntaxError(.malformed, at: base, "\(name) 缺少数值 (missing value)")
            }
            var digits = scalars
            var negative = false
            if let first = digits.first, first == "-" || first == "+" {
                guard signs.unicodeScalars.contains(first) else {
                    throw RecurrenceSyntaxError(
                        .malformed, at: base, "\(name) 不能带符号 '\(first)' (sign not allowed)")
                }
                negative = first == "-"
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw RecurrenceSyntaxError(.malformed, at: base, "\(name) 应为整数 '\(text)' (expected an integer)")
            }
            guard digits.count == 1 || digits.first != "0" else {
                throw RecurrenceSyntaxError(.malformed, at: base, "数字不能有前导零 '\(text)' (no leading zeros)")
            }
            guard digits.count <= 9, let magnitude = Int(String(String.UnicodeScalarView(digits))),
                range.contains(magnitude)
            else {
                let allowed = signs.contains("-") ? "±\(range.lowerBound)…\(range.upperBound)" : "\(range)"
                throw RecurrenceSyntaxError(
                    .valueOutOfRange, at: base, "\(name) 的值 \(text) 超出范围 \(allowed) (out of range)")
            }
            return negative ? -magnitude : magnitude
        }

        /// `YYYYMMDD` or `YYYYMMDDTHHMMSS`, optionally with `Z` for UTC.
        func dateTime(name: String) throws(RecurrenceSyntaxError) -> (LocalDateTime, isUTC: Bool) {
            let isUTC = scalars.last == "Z"
            let body = String(String.UnicodeScalarView(isUTC ? scalars.dropLast() : scalars))
            guard let value = LocalDateTime(basicFormat: body) else {
                let shape = body.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "T" }
                throw RecurrenceSyntaxError(
                    shape && (body.count == 8 || body.count == 15) ? .valueOutOfRange : .malformed, at: base,
                    "\(name) 不是有效的日期时间 '\(text)' (invalid date-time)",
                    hint: "格式 / format: YYYYMMDD, YYYYMMDDTHHMMSS 或 / or YYYYMMDDTHHMMSSZ (UTC)")
            }
            return (value, isUTC)
        }

        /// A weekday code, `MO` … `SU`.
        func weekday() throws(RecurrenceSyntaxError) -> Weekday {
            guard let weekday = Weekday(rawValue: text) else {
                throw RecurrenceSyntaxError(
                    .valueOutOfRange, at: base, "无效的星期 '\(text)' (invalid weekday)",
                    hint: "可选值 / allowed values: MO, TU, WE, TH, FR, SA, SU")
            }
            return weekday
        }

        /// `[+|-]N` (1…53) followed by a weekday code, or a weekday code alone.
        func weekdayNumber() throws(RecurrenceSyntaxError) -> WeekdayNumber {
            guard scalars.count >= 2 else {
                throw RecurrenceSyntaxError(
                    .malformed, at: base, "无效的 BYDAY 项 '\(text)' (invalid BYDAY item)",
                    hint: "如 / e.g. MO, 1MO, -1FR")
            }
            let split = scalars.endIndex - 2
            let weekday = try Item(scalars: scalars[split...], base: base + (split - scalars.startIndex)).weekday()
            guard split > scalars.startIndex else { return WeekdayNumber(weekday: weekday) }
            let ordinal = try Item(scalars: scalars[..<split], base: base).integer(1...53, signs: "+-", name: "BYDAY")
            return WeekdayNumber(ordinal: ordinal, weekday: weekday)
        }
    }
}
