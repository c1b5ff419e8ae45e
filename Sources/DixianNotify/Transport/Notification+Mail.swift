import Foundation

extension Notification {
    /// The email for this notification, as SMTP sends it and the maildir stores it: the same key gives
    /// the same Message-ID, so a retried or duplicated delivery is recognisable as one message.
    ///
    /// Throws ``DeliveryFailure`` `permanent` when no recipient has an email address: retrying cannot
    /// help until the directory is corrected.
    public func mailMessage(from sender: MailAddress, timeZone: TimeZone) throws -> MailMessage {
        let addresses = try self.recipients.compactMap { recipient -> MailAddress? in
            guard let email = recipient.email else { return nil }
            do {
                return try MailAddress(displayName: recipient.name, address: email)
            } catch {
                throw DeliveryFailure(.permanent, "收件人邮箱无效 (invalid recipient address) \(recipient.id)")
            }
        }
        guard !addresses.isEmpty else {
            let ids = self.recipients.map(\.id).joined(separator: ",")
            throw DeliveryFailure(.permanent, "收件人没有登记邮箱 (recipient has no email address) \(ids)")
        }
        let domain = sender.address.split(separator: "@").last.map(String.init) ?? "dixian.invalid"
        do {
            return try MailMessage(
                from: sender, to: addresses, subject: self.content.subject, date: self.createdAt, timeZone: timeZone,
                messageID: MailMessageID(idempotencyKey: self.key, domain: domain),
                text: self.content.text, html: self.content.html,
                extraHeaders: [MailHeader(name: "X-Dixian-Channel", value: self.channel)], attachments: self.attachments)
        } catch {
            throw DeliveryFailure(.permanent, "邮件无法生成 (cannot build the message): \(error)")
        }
    }
}
