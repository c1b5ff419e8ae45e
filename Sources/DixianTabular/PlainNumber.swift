import Foundation

/// The common cell written as plain ASCII, `-1234.5`, read in one pass over its bytes. Anything else (thousands
/// separators, full-width digits, currency marks, exponents, spaces, more than 18 digits) is nil and goes the
/// general way, ``DecimalText``, which gives the same value for what both accept.
struct PlainNumber {
    var isNegative: Bool
    /// Every digit, integer part and fraction, as one whole number.
    var digits: UInt64
    var fractionDigits: Int

    init?(_ text: String) {
        var negative = false
        var digits: UInt64 = 0
        var count = 0
        var fraction: Int?
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                count += 1
                guard count <= 18 else { return nil }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                if let current = fraction { fraction = current + 1 }
            case UInt8(ascii: "-") where offset == 0:
                negative = true
            case UInt8(ascii: "."):
                guard fraction == nil else { return nil }
                fraction = 0
            default:
                return nil
            }
        }
        // "-", "." and "12." (a trailing point) are left to the general reader, which knows their answers.
        guard count > 0, fraction != 0 else { return nil }
        self.isNegative = negative
        self.digits = digits
        self.fractionDigits = fraction ?? 0
    }

    /// The value as ``TabularCellParser/decimal(_:)`` builds it: trailing zeros folded into the exponent, zero
    /// without a sign.
    var decimal: Decimal {
        var significand = digits
        var exponent = -fractionDigits
        guard significand != 0 else { return Decimal(0) }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// The whole number, nil when a fraction digit is not zero.
    var integer: Int? {
        var value = digits
        for _ in 0..<fractionDigits {
            guard value % 10 == 0 else { return nil }
            value /= 10
        }
        return isNegative ? -Int(value) : Int(value)
    }
}
