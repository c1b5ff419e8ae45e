/// A day of the week (星期), spelled with the RFC 5545 two-letter codes used in plugins and RRULEs.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = "MO"
    case tuesday = "TU"
    case wednesday = "WE"
    case thursday = "TH"
    case friday = "FR"
    case saturday = "SA"
    case sunday = "SU"

    /// 1 for Monday … 7 for Sunday (ISO 8601).
    public var isoNumber: Int {
        Self.allCases.firstIndex(of: self)! + 1
    }

    /// The Chinese name, e.g. `星期五`.
    public var chineseName: String {
        switch self {
        case .monday: "星期一"
        case .tuesday: "星期二"
        case .wednesday: "星期三"
        case .thursday: "星期四"
        case .friday: "星期五"
        case .saturday: "星期六"
        case .sunday: "星期日"
        }
    }

    /// The two-letter code, e.g. `FR`.
    public var description: String {
        rawValue
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.isoNumber < rhs.isoNumber
    }
}
