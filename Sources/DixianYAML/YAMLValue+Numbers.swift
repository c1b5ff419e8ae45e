import Foundation

extension YAMLValue {
    /// The value as an exact decimal number: an integer or a finite decimal such as `0.5` or `7800.50`,
    /// never through binary floating point, so `0.1` stays one tenth.
    ///
    /// `.inf` and `.nan` are rejected. In a configuration document (not strict), only integers and
    /// decimals resolved as numbers qualify as well; quoted numbers are reported with a hint.
    public func number() -> Decimal? {
        let integer = isStrict ? Self.coreInteger : Self.decimal
        if kind == .integer, let text = scalarText, integer(text) == nil, Self.isIntegerSyntax(text) {
            // Too large for `Int`: exact as a decimal when it has at most 30 digits, out of range beyond.
            if !text.contains("0x"), !text.contains("0o"), let value = Self.exactDecimal(text) { return value }
            error("数值 \(text) 超出范围 (number out of range): 最多 30 位数字 (at most 30 digits)")
            return nil
        }
        guard kind == .integer || kind == .number, let text = scalarText,
            let value = kind == .integer ? integer(text).map({ Decimal($0) }) : Self.exactDecimal(text)
        else {
            let quoted = kind == .string && scalarText.flatMap(Self.exactDecimal) != nil
            mismatch(
                expected: "应为数值 (expected a number)",
                hint: quoted ? "去掉引号 / remove the quotes" : nil
            )
            return nil
        }
        return value
    }

    /// YAML 1.2 core integers: decimal (`010` is ten), `0o17`, `0x1F`; nil on overflow.
    static func coreInteger(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int((negative ? "-" : "") + digits)
    }

    /// `[-+]?(digits)(.digits)?([eE][-+]?digits)?` (either part of the mantissa may be empty, not both) as an
    /// exact `Decimal`; underscores group digits as YAML 1.1 allows. Nil for anything else or absurd exponents.
    static func exactDecimal(_ text: String) -> Decimal? {
        var scalars = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        let mantissaEnd = scalars.firstIndex { $0 == "e" || $0 == "E" } ?? scalars.endIndex
        let mantissa = scalars[..<mantissaEnd]
        var exponent = 0
        if mantissaEnd < scalars.endIndex {
            let exponentText = scalars[scalars.index(after: mantissaEnd)...]
            guard let parsed = Int(exponentText), abs(parsed) <= 100 else { return nil }
            exponent = parsed
        }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = pieces[0]
        let fraction = pieces.count > 1 ? pieces[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), pieces.count <= 2,
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
            (whole + fraction).count <= 30
        else { return nil }
        let digits = String(whole + fraction).drop { $0 == "0" }
        var significand = Decimal(0)
        for digit in digits {
            significand = significand * 10 + Decimal(Int(String(digit))!)
        }
        let value = Decimal(
            sign: negative ? .minus : .plus,
            exponent: exponent - fraction.count,
            significand: significand
        )
        return value
    }
}
