/// A 12-digit statistical division code (统计用区划代码) `PP CC DD TTT VVV`, the key of an org unit.
///
/// The level follows from which digit groups are zero: `140000000000` is a province,
/// `149721000000` a county, `149721101203` a village. A zero group is never followed by a non-zero
/// one, and the province group is never zero. Valid codes only exist as values of this type.
public struct DivisionCode: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The 12 ASCII digits.
    public let rawValue: String
    /// The level the code's shape says.
    public let level: OrgLevel

    /// The digit groups: province, city, county, town, village (2, 2, 2, 3, 3 digits).
    static let groupLengths = [2, 2, 2, 3, 3]

    /// Parses a code as a spreadsheet cell holds it (surrounding space ignored).
    public init(validating text: String) throws(DirectoryError) {
        let digits = text.trimmingDirectorySpace()
        guard digits.utf8.count == 12, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw Self.error(digits, Self.shapeHint(digits))
        }
        let groups = Self.split(digits)
        guard groups[0] != "00" else {
            throw Self.error(digits, "省级代码不能为 00 (the province digits must not be 00)")
        }
        let zero = groups.map { $0.allSatisfy { $0 == "0" } }
        let significant = zero.firstIndex(of: true) ?? groups.count
        guard zero[significant...].allSatisfy({ $0 }) else {
            throw Self.error(digits, "代码中为 0 的层级之后不能再有非 0 的层级 (a zero digit group is followed by a non-zero one)")
        }
        self.rawValue = digits
        self.level = OrgLevel.allCases[significant - 1]
    }

    /// The code as a shorter prefix names it: `14`, `1497`, `149721`, `149721101` or all 12 digits
    /// (e.g. `dixian directory list --org 149721`). Other lengths and malformed codes give nil.
    public init?(prefix text: String) {
        let digits = text.trimmingDirectorySpace()
        guard [2, 4, 6, 9, 12].contains(digits.utf8.count) else { return nil }
        let padded = digits + String(repeating: "0", count: 12 - digits.utf8.count)
        // All 12 digits name any level (a town's full code is what lists and the API show);
        // a shorter prefix must be exactly its level's, so `149700` is not read as a city.
        guard let code = try? DivisionCode(validating: padded),
              digits.utf8.count == 12 || code.level.prefixLength == digits.utf8.count
        else {
            return nil
        }
        self = code
    }

    public var description: String { self.rawValue }

    /// The leading digits shared by this unit and everything below it, e.g. `149721` for a county.
    public var significantPrefix: String {
        String(self.rawValue.prefix(self.level.prefixLength))
    }

    /// The unit directly above: a village's town, a town's county … nil for a province.
    public var parent: DivisionCode? {
        guard self.level != .province else { return nil }
        let levels = OrgLevel.allCases
        let parentLevel = levels[self.level.depth - 1]
        return Self.truncated(self.rawValue, to: parentLevel)
    }

    /// Every unit above, nearest first.
    public var ancestors: [DivisionCode] {
        var result: [DivisionCode] = []
        var current = self.parent
        while let code = current {
            result.append(code)
            current = code.parent
        }
        return result
    }

    /// The unit above or equal to this one at `level`, or nil when `level` is below this code's level.
    public func ancestor(at level: OrgLevel) -> DivisionCode? {
        guard level <= self.level else { return nil }
        return level == self.level ? self : Self.truncated(self.rawValue, to: level)
    }

    /// Whether `other` lies in this unit's subtree (itself included).
    public func contains(_ other: DivisionCode) -> Bool {
        other.level >= self.level && other.rawValue.hasPrefix(self.significantPrefix)
    }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try DivisionCode(validating: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    private init(uncheckedDigits: String, level: OrgLevel) {
        self.rawValue = uncheckedDigits
        self.level = level
    }

    private static func truncated(_ digits: String, to level: OrgLevel) -> DivisionCode {
        let prefix = digits.prefix(level.prefixLength)
        return DivisionCode(uncheckedDigits: prefix + String(repeating: "0", count: 12 - prefix.count), level: level)
    }

    private static func split(_ digits: String) -> [Substring] {
        var groups: [Substring] = []
        var start = digits.startIndex
        for length in groupLengths {
            let end = digits.index(start, offsetBy: length)
            groups.append(digits[start..<end])
            start = end
        }
        return groups
    }

    private static func error(_ text: String, _ reason: String) -> DirectoryError {
        DirectoryError(
            .invalidDivisionCode,
            "区划代码 '\(text)' 无效:\(reason) (invalid division code)",
            context: ["code": text]
        )
    }

    /// Why a code is not 12 digits, with Excel's usual damage recognised.
    private static func shapeHint(_ text: String) -> String {
        if text.isEmpty { return "为空 (empty)" }
        if text.uppercased().contains("E+") {
            return "Excel 把代码显示成了科学计数法,请把该列设置为“文本”后重新输入 (Excel turned the code into scientific notation)"
        }
        let digits = text.utf8.filter { (0x30...0x39).contains($0) }.count
        if digits == text.utf8.count {
            return "应为 12 位数字,实为 \(digits) 位 (expected 12 digits, got \(digits))"
        }
        return "应为 12 位数字 (expected 12 digits)"
    }
}
