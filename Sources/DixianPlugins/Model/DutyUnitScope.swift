extension Duty {
    /// Which village-level units a duty's occurrences are at (key `units`, plugins/README.md §6): a duty of
    /// rural households (农户) is no work for an urban 社区, and county-level pairing (包联) is for 脱贫村.
    ///
    /// Only duties whose owner role is at village level may narrow it, so the filter always applies to the
    /// very unit the occurrence is at.
    public enum UnitScope: String, Sendable, Hashable, CaseIterable, Encodable {
        /// Every unit (default).
        case all
        /// Rural villages only (乡村): urban-rural classification code 2xx, or none recorded.
        case rural
        /// 脱贫村 only: units the directory marks as poverty-exited villages.
        case povertyExited = "poverty_exited"

        /// `全部单位`, `乡村`, `脱贫村`, for `dixian plugins show`.
        public var chineseName: String {
            switch self {
            case .all: "全部单位"
            case .rural: "乡村"
            case .povertyExited: "脱贫村"
            }
        }
    }
}
