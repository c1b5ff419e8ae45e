/// An administrative level (层级) of the org tree: 省 > 市 > 县 > 乡镇/街道 > 村/社区.
///
/// The raw values are the level ids of `plugins/README.md` §4 and of the `org_units.level` column.
public enum OrgLevel: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case province
    case city
    case county
    case town
    case village

    /// 0 for a province, 4 for a village.
    public var depth: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .county: 2
        case .town: 3
        case .village: 4
        }
    }

    /// How many leading digits of a division code identify a unit of this level: 2, 4, 6, 9 or 12.
    public var prefixLength: Int {
        switch self {
        case .province: 2
        case .city: 4
        case .county: 6
        case .town: 9
        case .village: 12
        }
    }

    /// The Chinese name shown to users: 省, 市, 县, 乡镇, 村.
    public var chineseName: String {
        switch self {
        case .province: "省"
        case .city: "市"
        case .county: "县"
        case .town: "乡镇"
        case .village: "村"
        }
    }

    /// The level one step down, or nil for a village.
    public var child: OrgLevel? {
        OrgLevel.allCases.first { $0.depth == self.depth + 1 }
    }

    /// Higher levels sort first: `.province < .village`.
    public static func < (lhs: OrgLevel, rhs: OrgLevel) -> Bool {
        lhs.depth < rhs.depth
    }

    /// Reads a level as a spreadsheet writes it: the id (`town`) or a Chinese name
    /// (`乡镇`, `镇`, `乡`, `街道`, `村`, `社区`, `县`, `区`, `县级市` …). Case and surrounding space are ignored.
    public init?(parsing text: String) {
        let key = text.trimmingDirectorySpace().lowercased()
        if let level = OrgLevel(rawValue: key) {
            self = level
            return
        }
        guard let level = Self.chineseAliases[key] else { return nil }
        self = level
    }

    private static let chineseAliases: [String: OrgLevel] = [
        "省": .province, "自治区": .province, "直辖市": .province, "省级": .province,
        "市": .city, "地级市": .city, "州": .city, "盟": .city, "地区": .city, "市级": .city,
        "县": .county, "区": .county, "县级市": .county, "旗": .county, "县级": .county,
        "县（区、市）": .county, "县(区、市)": .county,
        "乡镇": .town, "乡": .town, "镇": .town, "街道": .town, "苏木": .town, "乡级": .town,
        "乡镇（街道）": .town, "乡镇(街道)": .town,
        "村": .village, "社区": .village, "嘎查": .village, "村级": .village,
        "村（社区）": .village, "村(社区)": .village,
    ]
}
