import Foundation

/// The state of an occurrence (一期任务状态) as people see it: `overdue` is an open occurrence whose due
/// instant has passed on the caller's clock.
public enum OccurrenceStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case overdue
    case done
    case waived
    case withdrawn
    case notApplicable = "not_applicable"

    /// `进行中`, `已逾期` …
    public var chineseName: String {
        switch self {
        case .open: "进行中"
        case .overdue: "已逾期"
        case .done: "已完成"
        case .waived: "已豁免"
        case .withdrawn: "已撤销"
        case .notApplicable: "不再适用"
        }
    }
}

