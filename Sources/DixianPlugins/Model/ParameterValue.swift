import DixianCore
import Foundation

/// The value of a plugin parameter (参数值), exact: money and percentages are decimals, never binary floats.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    /// `integer` and `days`.
    case integer(Int)
    /// `money` (元) and `percent` (percentage points: 80 means 80 %).
    case decimal(Decimal)
    /// `date`.
    case date(CalendarDate)
    /// `text` and `enum`.
    case text(String)
    /// `list`.
    case list([ParameterValue])

    /// The value as a number, for comparisons and targets; nil for dates, text and lists.
    public var number: Decimal? {
        switch self {
        case .integer(let value): Decimal(value)
        case .decimal(let value): value
        default: nil
        }
    }

    /// As messages show it (plugins/README.md §9): `20`, `7800`, `7800.50`, `0.5`, `2026年8月15日`,
    /// list items joined by `、`. Money shows two decimals only when not whole; see ``formatted(as:)``.
    public var description: String {
        formatted(as: nil)
    }

    /// As messages show a value of `kind`: money with two decimals when not whole, percentages without
    /// trailing zeros.
    public func formatted(as kind: Parameter.Kind?) -> String {
        switch self {
        case .integer(let value):
            return String(value)
        case .decimal(let value):
            var rounded = Decimal()
            var copy = value
            NSDecimalRound(&rounded, &copy, 2, .plain)
            let whole = rounded == rounded.rounded(toPlaces: 0)
            if whole { return rounded.rounded(toPlaces: 0).plainString }
            if kind == .money { return rounded.plainString(minimumFractionDigits: 2) }
            return rounded.plainString
        case .date(let date):
            return date.chineseDescription
        case .text(let text):
            return text
        case .list(let items):
            return items.map { $0.formatted(as: kind) }.joined(separator: "、")
        }
    }
}

extension ParameterValue: Encodable {
    /// The natural JSON value: a number, `"2026-08-15"`, a string or an array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .date(let date): try container.encode(date)
        case .text(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        }
    }
}

extension Decimal {
    fileprivate func rounded(toPlaces places: Int) -> Decimal {
        var result = Decimal()
        var copy = self
        NSDecimalRound(&result, &copy, places, .plain)
        return result
    }

    /// Digits with a `.`, never grouping or exponent notation, whatever the locale.
    fileprivate var plainString: String {
        NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    fileprivate func plainString(minimumFractionDigits digits: Int) -> String {
        let text = plainString
        let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        guard fraction < digits else { return text }
        return text + (fraction == 0 ? "." : "") + String(repeating: "0", count: digits - fraction)
    }
}
