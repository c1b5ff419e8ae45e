/// A cursor over schedule text by Unicode scalar, so that error offsets match editor columns.
struct RecurrenceScanner {
    private let scalars: [Unicode.Scalar]
    private(set) var offset = 0

    init(_ text: some StringProtocol) {
        self.scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { offset >= scalars.count }

    var peek: Unicode.Scalar? { isAtEnd ? nil : scalars[offset] }

    /// Consumes `literal` if the text continues with it.
    mutating func take(_ literal: String) -> Bool {
        let expected = Array(literal.unicodeScalars)
        guard offset + expected.count <= scalars.count,
            Array(scalars[offset..<offset + expected.count]) == expected
        else { return false }
        offset += expected.count
        return true
    }

    /// Consumes scalars while `predicate` holds and returns them.
    mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
        var result = String.UnicodeScalarView()
        while let scalar = peek, predicate(scalar) {
            result.append(scalar)
            offset += 1
        }
        return String(result)
    }

    /// The rest of the text, consumed.
    mutating func rest() -> String {
        take { _ in true }
    }

    /// `d` or `wd`.
    mutating func takeUnit() -> ScheduleOffset.Unit? {
        if take("wd") { return .workdays }
        if take("d") { return .days }
        return nil
    }

    /// A decimal number without sign or leading zeros (`0` itself allowed if `allowingZero`), at most `limit`.
    mutating func number(upTo limit: Int, allowingZero: Bool, what: String) throws(RecurrenceSyntaxError) -> Int {
        let start = offset
        let digits = take { ("0"..."9").contains($0) }
        guard !digits.isEmpty else {
            throw RecurrenceSyntaxError(.malformed, at: start, "应为数字: \(what) (expected a number)")
        }
        if digits.count > 1, digits.hasPrefix("0") {
            throw RecurrenceSyntaxError(
                .malformed, at: start, "数字不能有前导零 '\(digits)' (no leading zeros)")
        }
        guard digits.count <= 9, let value = Int(digits), value <= limit, allowingZero || value > 0 else {
            let lower = allowingZero ? 0 : 1
            throw RecurrenceSyntaxError(
                .valueOutOfRange, at: start, "\(what) \(digits) 超出范围 \(lower)…\(limit) (out of range)")
        }
        return value
    }

    /// An error at the current position.
    func failure(_ message: String, hint: String? = nil) -> RecurrenceSyntaxError {
        RecurrenceSyntaxError(.malformed, at: offset, message, hint: hint)
    }
}
