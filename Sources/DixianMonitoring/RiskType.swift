/// A risk of falling (back) into poverty (返贫致贫风险类型): the fixed list a signal, a case and a measure name.
///
/// The list is the national monitoring system's: 因病 因残 因学 因灾 因意外事故 因产业项目失败 因务工就业不稳
/// 缺劳动力 其他 (DOMAIN.md, "The monitoring procedure").
public enum RiskType: String, Sendable, Hashable, CaseIterable, Codable, ChineseNamed, Comparable {
    case illness = "illness"
    case disability = "disability"
    case schooling = "schooling"
    case disaster = "disaster"
    case accident = "accident"
    case failedIndustryProject = "failed_industry_project"
    case unstableEmployment = "unstable_employment"
    case lackOfLabour = "lack_of_labour"
    case other = "other"

    /// 因病 …, as forms and reports print it.
    public var chineseName: String {
        switch self {
        case .illness: "因病"
        case .disability: "因残"
        case .schooling: "因学"
        case .disaster: "因灾"
        case .accident: "因意外事故"
        case .failedIndustryProject: "因产业项目失败"
        case .unstableEmployment: "因务工就业不稳"
        case .lackOfLabour: "缺劳动力"
        case .other: "其他"
        }
    }


    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
