import Foundation

extension TabularCellParser {
    /// An exact decimal: `12345.6`, `12,345.60`, `-0.5`, `1.5E+3`, `¥12,345.60`, `12,345.60元`, full-width forms too.
    ///
    /// Thousands separators must group by three (`1,2345` is refused: a European decimal comma or a typo would
    /// otherwise become a different amount). The result is built from the digits, never through a binary float,
    /// so `0.1` is exactly one tenth; at most 38 significant digits.
    public static func decimal(_ text: String) throws(TabularCellError) -> Decimal {
        if let plain = PlainNumber(text) { return plain.decimal }
        let number = try DecimalText(self.normalized(text))
        var significand = Decimal(0)
        for digit in number.digits {
            significand = significand * 10 + Decimal(Int(digit))
        }
        return Decimal(sign: number.isNegative ? .minus : .plus, exponent: number.exponent, significand: significand)
    }

    /// An amount of money in cents (分): `12,345.60` → 1234560. More than two decimals that are not zeros are
    /// refused rather than rounded, since rounding money silently is a fault.
    public static func cents(_ text: String) throws(TabularCellError) -> Int {
        try DecimalText(self.normalized(text)).whole(scale: 2)
    }

    /// A whole number: `42`, `1,234`, `12.0`, `1E+3`; `12.5` is refused.
    public static func integer(_ text: String) throws(TabularCellError) -> Int {
        if let whole = PlainNumber(text)?.integer { return whole }
        return try DecimalText(self.normalized(text)).whole(scale: 0)
    }
}

/// A decimal number's sign, significant digits and power of ten, read from text without any float.
struct DecimalText {
    var isNegative = false
    /// Without leading zeros; empty for zero.
    var digits: [UInt8] = []
    var exponent = 0

    static let maxDigits = 38

    init(_ text: String) throws(TabularCellError) {
        let invalid = TabularCellError(.invalidNumber, "不是有效的数字,应如 12345.60 或 12,345.60 (invalid number)")
        var scalars = Substring(text)
        // Currency marks around an amount: ¥ (U+00A5) and its full-width form ￥ (U+FFE5) before, 元 after.
        if scalars.hasSuffix("元") { scalars = scalars.dropLast() }
        if let sign = scalars.first, sign == "-" || sign == "+" {
            self.isNegative = sign == "-"
            scalars = scalars.dropFirst()
        }
        if let mark = scalars.first, mark == "¥" || mark == "￥" { scalars = scalars.dropFirst() }
        var mantissa = scalars
        if let e = scalars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = scalars[..<e]
            var power = scalars[scalars.index(after: e)...]
            let negativePower = power.first == "-"
            if power.first == "-" || power.first == "+" { power = power.dropFirst() }
            guard (1...3).contains(power.count), power.allSatisfy(\.isASCIIDigitCharacter), let value = Int(power) else {
                throw invalid
            }
            self.exponent = negativePower ? -value : value
        }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = halves[0]
        let fraction = halves.count > 1 ? halves[1] : ""
        guard !(integer.isEmpty && fraction.isEmpty), fraction.allSatisfy(\.isASCIIDigitCharacter),
            Self.isGrouped(integer)
        else { throw invalid }
        for character in integer.filter({ $0 != "," }) + fraction {
            let digit = character.asciiValue! - UInt8(ascii: "0")
            if self.digits.isEmpty && digit == 0 { continue }
            self.digits.append(digit)
        }
        self.exponent -= fraction.count
        // Trailing zeros carry no value: `12.50` is 125 × 10⁻¹.
        while let last = self.digits.last, last == 0 {
            self.digits.removeLast()
            self.exponent += 1
        }
        if self.digits.isEmpty {
            self.exponent = 0
            self.isNegative = false
        }
        guard self.digits.count <= Self.maxDigits, abs(self.exponent) <= 100 else {
            throw TabularCellError(.outOfRange, "数字位数过多 (too many digits)")
        }
    }

    /// Digits with commas grouping them by three from the right, or no commas at all.
    private static func isGrouped(_ integer: Substring) -> Bool {
        guard integer.contains(",") else { return integer.allSatisfy(\.isASCIIDigitCharacter) }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        return (1...3).contains(groups[0].count)
            && groups.dropFirst().allSatisfy { $0.count == 3 }
            && groups.allSatisfy { $0.allSatisfy(\.isASCIIDigitCharacter) }
    }

    /// The number times 10^scale as an `Int`, when that is whole.
    func whole(scale: Int) throws(TabularCellError) -> Int {
        let power = self.exponent + scale
        guard power >= 0 else {
            throw TabularCellError(
                .notWhole, scale == 0 ? "应为整数 (expected a whole number)" : "金额最多两位小数 (at most two decimals)")
        }
        let tooLarge = TabularCellError(.outOfRange, "数值过大 (number too large)")
        guard self.digits.count + power <= 19 else { throw tooLarge }
        var value = 0
        for digit in self.digits + Array(repeating: 0, count: power) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(Int(digit))
            guard !overflow, !overflowSum else { throw tooLarge }
            value = sum
        }
        return self.isNegative ? -value : value
    }
}
