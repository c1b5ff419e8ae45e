import DixianNotify
import Foundation

/// Builds the transport for each configured channel (通知渠道).
public enum ChannelTransports {
    /// The transport for `channel`; throws when its settings cannot be used (a bad sender address).
    public static func make(_ channel: Configuration.Channel, timeZone: TimeZone) throws -> any NotificationTransport {
        switch channel.transport {
        case .maildir(let maildir):
            return MaildirTransport(
                directory: maildir.directory, content: maildir.content == .email ? .email : .chat,
                sender: try MailAddress(parsing: maildir.from), timeZone: timeZone)
        case .smtp:
            throw DeliveryFailure(.permanent, "SMTP 渠道尚未接入 (SMTP channel not wired yet)")
        case .webhook:
            throw DeliveryFailure(.permanent, "Webhook 渠道尚未接入 (webhook channel not wired yet)")
        }
    }
}
