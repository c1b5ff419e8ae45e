extension RiskType {
    /// The risk type a sector plugin's alert suggests before the village verifies it (行业部门预警的初步风险类型).
    /// The village confirms or corrects it at verification; an unknown plugin suggests 其他.
    public static func suggested(forPlugin plugin: String) -> RiskType {
        switch plugin {
        case "education": .schooling
        case "health": .illness
        case "employment": .unstableEmployment
        case "credit": .failedIndustryProject
        default: .other
        }
    }
}
