import DixianCore
import Foundation

extension ConfirmationPage {
    /// What happened to a link, for the page the server answers with.
    public enum Outcome: Sendable, Hashable {
        /// The POST recorded completion; `achieved` is the quantity entered, if any.
        case confirmed(achieved: Decimal?)
        /// The token is genuine but past its expiry.
        case expired
        /// The token's nonce was used before (single use is enforced by the store).
        case alreadyUsed
        /// The token is malformed, forged, of another purpose or of an unknown version.
        case invalid
        /// The occurrence is already done or waived, by another path (CLI, web, another link).
        case closed
        /// The occurrence has not opened yet (尚未开放); `opens` is when it will, as people write it.
        case notYetOpen(opens: String)

        /// The outcome for a token the signer refused: expired stays expired, everything else is invalid
        /// (the page does not tell a forger which check failed).
        public init(_ error: ActionLinkError) {
            self = error.code == .expired ? .expired : .invalid
        }
    }

    /// The page for an outcome. `occurrence` is shown when known (nil for tokens that could not be read).
    public func renderResult(_ outcome: Outcome, occurrence: Occurrence? = nil) -> String {
        let title: String
        var body: String
        switch outcome {
        case .confirmed(let achieved):
            title = "已确认完成"
            body = "<p class=\"ok\">已记录为完成，谢谢！</p>\n"
            if let quantity = occurrence?.quantity {
                body += Self.quantityVerdict(quantity, achieved: achieved)
            }
        case .expired:
            title = "链接已过期"
            body = "<p>该链接已超过有效期。请登录系统办理，或联系发送单位。</p>\n"
        case .alreadyUsed:
            title = "链接已使用"
            body = "<p>该链接已经使用过，每个链接只能确认一次。如需更正，请登录系统办理。</p>\n"
        case .invalid:
            title = "链接无效"
            body = "<p>链接不完整或已被改动。请从原邮件中重新打开，或登录系统办理。</p>\n"
        case .notYetOpen(let opens):
            title = "任务尚未开放"
            body = "<p>该期任务将于\(HTMLText.escape(opens))开放，届时再确认。</p>\n"
        case .closed:
            title = "任务已完成或已豁免"
            let status = occurrence.map { "（当前状态：\(HTMLText.escape($0.statusText))）" } ?? ""
            body = "<p>该任务已办结\(status)，无需再次确认。</p>\n"
        }
        if let occurrence {
            body += Self.details(occurrence)
        }
        return self.document(title: title, body: "<h1>\(HTMLText.escape(title))</h1>\n" + body)
    }

    /// `走访户数：18户。目标不少于20户，未达标。`
    static func quantityVerdict(_ quantity: Quantity, achieved: Decimal?) -> String {
        let measure = HTMLText.escape(quantity.measure)
        let unit = HTMLText.escape(quantity.unit)
        guard let achieved else {
            return "<p>未填写\(measure)。</p>\n"
        }
        let met = quantity.isMet(by: achieved)
        let target = "目标\(quantity.compareText)\(HTMLText.escape(quantity.targetText))\(unit)"
        let verdict = met ? "<span class=\"ok\">已达标</span>" : "<span class=\"missed\">未达标</span>"
        return "<p>\(measure)：\(HTMLText.escape("\(achieved)"))\(unit)。\(target)，\(verdict)。</p>\n"
    }
}
