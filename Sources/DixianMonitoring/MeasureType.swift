/// The kind of a help measure (帮扶措施类型).
public enum MeasureType: String, Sendable, Hashable, CaseIterable, Codable, ChineseNamed {
    case industry = "industry"
    case employment = "employment"
    case health = "health"
    case education = "education"
    case housing = "housing"
    case water = "water"
    case socialAssistance = "social_assistance"
    case finance = "finance"
    case consumption = "consumption"
    case other = "other"

    /// 产业 就业 健康 教育 住房 饮水 兜底保障 金融 消费 其他.
    public var chineseName: String {
        switch self {
        case .industry: "产业"
        case .employment: "就业"
        case .health: "健康"
        case .education: "教育"
        case .housing: "住房"
        case .water: "饮水"
        case .socialAssistance: "兜底保障"
        case .finance: "金融"
        case .consumption: "消费"
        case .other: "其他"
        }
    }

}
