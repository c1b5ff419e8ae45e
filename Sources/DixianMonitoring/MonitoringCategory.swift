/// The three monitored groups (三类群体) a household is included as (纳入监测).
public enum MonitoringCategory: String, Sendable, Hashable, CaseIterable, Codable, ChineseNamed {
    /// 脱贫不稳定户: out of poverty, but not stably.
    case unstableOutOfPoverty = "unstable_out_of_poverty"
    /// 边缘易致贫户: never poor, at risk of becoming so.
    case marginalVulnerable = "marginal_vulnerable"
    /// 突发严重困难户: a sudden severe hardship.
    case suddenHardship = "sudden_hardship"

    public var chineseName: String {
        switch self {
        case .unstableOutOfPoverty: "脱贫不稳定户"
        case .marginalVulnerable: "边缘易致贫户"
        case .suddenHardship: "突发严重困难户"
        }
    }

}
