import DixianCore
import DixianNotify
import Foundation

/// Builds the transport for each configured channel (通知渠道).
public enum ChannelTransports {
    /// The transport for `channel`.
    ///
    /// Throws when its settings cannot be used even though they read well: a sender address that does not
    /// parse, a CA file that is not PEM, a webhook URL AsyncHTTPClient refuses.
    /// A maildir's relative `dir` is under `stateDirectory`.
    public static func make(
        _ channel: Configuration.Channel, timeZone: TimeZone, stateDirectory: String
    ) throws -> any NotificationTransport {
        switch channel.transport {
        case .maildir(let maildir):
            let directory = maildir.directory.hasPrefix("/") ? maildir.directory : stateDirectory + "/" + maildir.directory
            return MaildirTransport(
                directory: directory, content: maildir.content == .email ? .email : .chat,
                sender: try MailAddress(parsing: maildir.from), timeZone: timeZone)
        case .smtp(let smtp):
            return try SMTPTransport(configuration: smtpConfiguration(smtp, timeZone: timeZone))
        case .webhook(let webhook):
            return try WebhookTransport(configuration: webhookConfiguration(webhook, kind: channel.kind))
        }
    }

    /// The SMTP client's settings from a channel's; the EHLO name is this machine's host name.
    static func smtpConfiguration(_ smtp: Configuration.Channel.SMTP, timeZone: TimeZone) throws -> SMTPConfiguration {
        let tls: SMTPConfiguration.TLSMode =
            switch smtp.tls {
            case .starttls: .startTLS
            case .implicit: .implicit
            case .none: .none
            }
        let credentials = smtp.username.map { SMTPCredentials(username: $0, password: smtp.password?.value ?? "") }
        return SMTPConfiguration(
            host: smtp.host, port: smtp.port, tls: tls, credentials: credentials, caFile: smtp.caFile,
            heloName: ProcessInfo.processInfo.hostName, sender: try MailAddress(parsing: smtp.from),
            timeZone: timeZone, timeouts: .init(reply: smtp.timeout, data: max(smtp.timeout, .seconds(120))))
    }

    /// The webhook client's settings: the channel's kind picks the preset; a `webhook` channel's secret
    /// file holds one `whsec_` key per line (all sign during a rotation), a bot's holds its `SEC…` secret.
    static func webhookConfiguration(_ webhook: Configuration.Channel.Webhook, kind: NotifyChannelKind) -> WebhookConfiguration {
        let preset: WebhookConfiguration.Preset =
            switch kind {
            case .wecom: .wecom
            case .dingtalk: .dingtalk
            case .feishu: .feishu
            default: .generic
            }
        let secrets = webhook.secretLines.compactMap(WebhookSecret.init)
        return WebhookConfiguration(
            url: webhook.url.value, preset: preset,
            signingSecrets: preset == .generic ? secrets : [], botSecret: preset == .generic ? nil : secrets.first,
            timeout: webhook.timeout, caFile: webhook.caFile, mentionMobiles: webhook.mentionMobiles)
    }
}
