import Foundation

extension ConfirmationPage {
    /// What the page shows about one occurrence, already formatted in Chinese by the caller.
    public struct Occurrence: Sendable, Hashable {
        /// e.g. `防返贫监测信息月度更新`.
        public var dutyTitle: String
        /// e.g. `七家镇`.
        public var unitName: String
        /// e.g. `2026年7月`.
        public var periodLabel: String
        /// e.g. `2026年7月31日`.
        public var dueDate: String
        /// e.g. `18:00`; empty to show the date alone.
        public var dueTime: String
        /// e.g. `待完成`, `已逾期3天`.
        public var statusText: String
        /// The quantity target, nil when the duty has none.
        public var quantity: Quantity?

        public init(
            dutyTitle: String, unitName: String, periodLabel: String, dueDate: String, dueTime: String,
            statusText: String, quantity: Quantity? = nil
        ) {
            self.dutyTitle = dutyTitle
            self.unitName = unitName
            self.periodLabel = periodLabel
            self.dueDate = dueDate
            self.dueTime = dueTime
            self.statusText = statusText
            self.quantity = quantity
        }
    }

    /// A duty's quantity target (plugins/README.md `quantity`).
    public struct Quantity: Sendable, Hashable {
        /// Whether the achieved value must reach the target or stay within it.
        public enum Comparison: Sendable, Hashable {
            /// 不少于: achieved ≥ target.
            case atLeast
            /// 不超过: achieved ≤ target.
            case atMost

            /// `不少于` / `不超过`, as in templates' `quantity.compare_text`.
            public var text: String {
                switch self {
                case .atLeast: "不少于"
                case .atMost: "不超过"
                }
            }
        }

        /// The field's label, e.g. `走访户数`.
        public var measure: String
        /// The target value, compared with what is entered.
        public var target: Decimal
        /// The target as shown, formatted by its parameter's type (`7800.50`, `80`).
        public var targetText: String
        /// e.g. `户`, `元`, `%`; may be empty.
        public var unit: String
        public var comparison: Comparison

        public init(measure: String, target: Decimal, targetText: String? = nil, unit: String, comparison: Comparison) {
            self.measure = measure
            self.target = target
            self.targetText = targetText ?? "\(target)"
            self.unit = unit
            self.comparison = comparison
        }

        /// `不少于` / `不超过`.
        public var compareText: String { self.comparison.text }

        /// Whether `achieved` meets the target.
        public func isMet(by achieved: Decimal) -> Bool {
            switch self.comparison {
            case .atLeast: achieved >= self.target
            case .atMost: achieved <= self.target
            }
        }
    }
}
