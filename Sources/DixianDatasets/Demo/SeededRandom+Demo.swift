import DixianCore

extension SeededRandom {
    /// True `numerator` times in `denominator` draws, in integers so that the files never depend on
    /// floating-point rounding.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }

    /// A value in `range`.
    mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A date in `range`.
    mutating func date(in range: ClosedRange<CalendarDate>) -> CalendarDate {
        range.lowerBound.adding(days: below(range.lowerBound.days(until: range.upperBound) + 1))
    }

    /// An index of `weights`, drawn in proportion to them.
    mutating func weighted(_ weights: [Int]) -> Int {
        var draw = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }
}
