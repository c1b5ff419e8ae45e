import DixianDispatch
import DixianScheduling
import DixianStore
import Foundation

extension OccurrenceRecord {
    /// `≥ 12` or `≤ 3`, or nil without a quantity target.
    var targetText: String? {
        guard let target else { return nil }
        return (self.targetComparison == "at_most" ? "≤ " : "≥ ") + "\(target)"
    }

    /// `任务 12 · education.dropout_check · 红岩村 · 2026年7月`, the head of every result line.
    func headline(title: String) -> String {
        "任务 \(self.id) · \(title) · \(self.unitName) · \(self.periodLabel)"
    }

    /// `完成 15 / 目标 ≥ 12(达标)`, or nil when nothing was counted.
    var achievementText: String? {
        switch (self.achieved, self.targetText) {
        case (nil, nil): return nil
        case (nil, let target?): return "目标 \(target)"
        case (let achieved?, nil): return "完成 \(achieved)"
        case (let achieved?, let target?):
            let met = self.targetMet.map { $0 ? "(达标)" : "(未达标)" } ?? ""
            return "完成 \(achieved) / 目标 \(target)\(met)"
        }
    }
}

extension ChangeChannel {
    var chineseName: String {
        switch self {
        case .cli: "命令行"
        case .http: "接口"
        case .link: "确认链接"
        case .console: "工作台"
        }
    }
}

extension OutboxMessage {
    /// `提醒`, `督办` …
    var kindName: String {
        switch self.kind {
        case .reminder: "提醒"
        case .escalation: "督办"
        case .notice: "通知"
        }
    }

    /// `待发送`, `已发送`, `已取消` …
    var statusName: String {
        switch self.status {
        case .pending: "待发送"
        case .sending: "发送中"
        case .sent: "已发送"
        case .failed: "发送失败"
        case .dead: "已放弃"
        case .cancelled: "已取消"
        case .superseded: "已合并"
        }
    }
}
