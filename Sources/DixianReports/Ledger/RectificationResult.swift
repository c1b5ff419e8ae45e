/// 整改结果: exactly one of the three forms seed 003's 附件1 allows (填表说明 4).
public enum RectificationResult: String, Sendable, Hashable, CaseIterable, Codable {
    /// 正在整改.
    case inProgress = "in_progress"
    /// 整改完成.
    case done
    /// 整改完成长期坚持.
    case doneAndSustained = "done_and_sustained"

    public var chineseName: String {
        switch self {
        case .inProgress: "正在整改"
        case .done: "整改完成"
        case .doneAndSustained: "整改完成长期坚持"
        }
    }

    /// The result for its Chinese form or id; nil for anything else (a row error on import).
    public init?(naming text: String) {
        guard let found = Self.allCases.first(where: { $0.chineseName == text || $0.rawValue == text }) else { return nil }
        self = found
    }
}
