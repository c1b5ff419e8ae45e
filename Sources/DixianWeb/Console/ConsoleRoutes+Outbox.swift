import DixianConsole
import DixianCore
import DixianScheduling
import DixianStore
import Foundation
import Hummingbird

/// 发件箱 for the county office's operators: how each channel's queue stands, and the messages that failed
/// for good (死信), each with a retry. Anyone else gets 404, as for a page that does not exist.
extension ConsoleRoutes {
    /// `GET /console/outbox`.
    func outboxPage(_ request: Request, notice: String? = nil) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.outboxRoute.path)
        guard visitor.scope.isCountyOffice else { return notFound(user) }
        let at = now(), zone = settings().timeZone
        let figures = try await outbox.channelFigures(now: at)
        let dead = try await outbox.list(OutboxFilter(status: .dead, limit: 50))
        let view = OutboxView(
            notice: notice,
            channels: figures.keys.sorted { $0.rawValue < $1.rawValue }.map { name in
                let figure = figures[name]!
                return OutboxView.Channel(
                    name: name.rawValue, due: figure.due, oldest: figure.oldestDue.map { Self.local($0, zone) } ?? "—",
                    dead: figure.deadLetters, disabled: figure.isDisabled)
            },
            deadCount: dead.count,
            dead: dead.map { message in
                OutboxView.Message(
                    id: message.id, channel: message.channel.rawValue, recipient: message.recipientID ?? message.roleID ?? "群组",
                    key: PersonalDataMask.maskingIDNumbers(in: message.key), attempts: message.attempts,
                    updated: Self.local(message.retryAt ?? message.sendAt, zone),
                    error: message.lastError.map(PersonalDataMask.maskingIDNumbers), csrf: visitor.session.csrfToken)
            })
        return ConsoleResponse.page(.ok, renderer.page(title: "发件箱", user: user, template: "outbox", view: view))
    }

    /// `POST /console/outbox/ID/retry`: sends a dead letter again, audited under the person's row.
    func retry(_ request: Request, messageID: Int64?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        guard let fields = try await formFields(request), hasSessionCSRF(visitor.session, fields) else { return forbidden() }
        let user = self.user(visitor, current: Self.outboxRoute.path)
        guard visitor.scope.isCountyOffice, let messageID else { return notFound(user) }
        let actor = visitor.officials.first { $0.roles.contains(AccessScope.countyOfficeRole) }?.id ?? visitor.officials[0].id
        do {
            guard try await outbox.retry(id: messageID, actor: actor, channel: "console", at: now(), from: [.dead]) != nil else { return notFound(user) }
        } catch let error as StoreError where error.code == .outboxStatus {
            return message(.conflict, heading: "未能重新发送", text: "该消息已不在发送失败状态，无需重新发送。",
                           next: .init(title: "返回发件箱", href: Self.outboxRoute.path), user: user)
        }
        logger.info("发件箱消息已重新排队 (outbox message retried)", metadata: ["id": "\(messageID)", "by": "\(actor)", "channel": "console"])
        return try await outboxPage(request, notice: "消息 #\(messageID) 已重新排队发送。")
    }

    static func local(_ instant: Date, _ zone: TimeZone) -> String {
        let local = instant.localDateTime(in: zone)
        return local.date.description + String(format: " %02d:%02d", local.hour, local.minute)
    }
}

struct OutboxView {
    struct Channel {
        var name: String
        var due: Int
        var oldest: String
        var dead: Int
        var disabled: Bool
    }

    struct Message {
        var id: Int64
        var channel: String
        var recipient: String
        var key: String
        var attempts: Int
        var updated: String
        var error: String?
        var csrf: String
    }

    var notice: String?
    var channels: [Channel]
    var deadCount: Int
    var dead: [Message]
}
