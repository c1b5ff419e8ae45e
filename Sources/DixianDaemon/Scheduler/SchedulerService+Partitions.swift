import DixianCore
import DixianStore
import Foundation
import Metrics

extension SchedulerService {
    /// On the planner leader, before each tick: makes the month partitions the tick may write into, and drops outbox
    /// months older than `retention.sent_messages` that hold nothing still to send. A failure is logged and counted;
    /// rows meanwhile go into the default partition, and the next tick tries again.
    func maintainPartitions(_ running: RunningConfiguration, now: Date) async {
        let partitions = MonthlyPartitions(client: context.client, logger: context.logger)
        do {
            let created = try await partitions.prepareForPlanning(around: now)
            if !created.isEmpty {
                context.logger.info("已建按月分区 (month partitions created)", metadata: ["partitions": "\(created.joined(separator: ","))"])
            }
            let cutoff = now.addingTimeInterval(-running.configuration.retention.sentMessages.timeInterval)
            for (month, rows) in try await partitions.dropSentOutboxMonths(endedBy: cutoff) {
                Counter(label: "dixian_outbox_months_dropped_total").increment()
                context.logger.notice(
                    "已删除过期的已发送消息 (outbox month dropped after retention.sent_messages)",
                    metadata: ["month": "\(month.prefix(7))", "rows": "\(rows)"])
            }
        } catch {
            Counter(label: "dixian_partition_failures_total").increment()
            context.logger.warning("按月分区维护失败,下次重试 (partition maintenance failed)", metadata: ["error": "\(StoreError.explain(error))"])
        }
    }
}
