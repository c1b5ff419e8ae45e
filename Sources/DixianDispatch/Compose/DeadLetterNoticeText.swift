import DixianNotify
import Foundation

/// The text of a dead-letter notice (死信通知) to the county office: which messages stopped being
/// retried, why, and the command that sends them again.
enum DeadLetterNoticeText {
    struct Item: Decodable {
        var dead_id: Int64
        var dead_key: String
        var dead_channel: String
        var recipient_id: String?
        var reason: String?
        var attempts: Int?
    }

    static func render(_ notices: [OutboxMessage], office: ReminderFacts.Office, snapshot: DirectorySnapshot) -> RenderedContent {
        let items = notices.compactMap { try? JSONDecoder().decode(Item.self, from: Data($0.payload.utf8)) }
        let subject = "【发送失败通知】\(items.count)条提醒多次发送失败，已停止重试"
        var lines = ["以下提醒多次发送失败，已转入死信，不再自动重试：", ""]
        for item in items {
            let who = item.recipient_id.map { snapshot.officials[$0]?.name ?? $0 } ?? "—"
            lines.append("· 编号 \(item.dead_id)  渠道 \(item.dead_channel)  收件人 \(who)  尝试 \(item.attempts ?? 0) 次")
            lines.append("  原因：\(item.reason ?? "未知")")
        }
        lines += [
            "", "请检查渠道配置（如邮件服务器、密码、证书、机器人地址）后，在服务器上执行：",
            "  dixian outbox retry 编号     重新发送", "  dixian outbox show 编号      查看详情",
        ]
        let chat = "【发送失败通知】\(items.count)条提醒多次发送失败，已停止重试，请管理员检查渠道配置。"
        return PlainNotice(subject: subject, lines: lines, chat: chat, office: office).rendered()
    }
}
