/// The kinds of notification channel (通知渠道) a `channels:` entry of dixian.yaml may name.
public enum NotifyChannelKind: String, Sendable, Hashable, CaseIterable {
    /// Email over SMTP.
    case smtp
    /// A generic JSON webhook signed per Standard Webhooks.
    case webhook
    /// A WeCom (企业微信) group bot.
    case wecom
    /// A DingTalk (钉钉) custom bot.
    case dingtalk
    /// A Feishu (飞书) custom bot.
    case feishu
    /// Email written as `.eml` files into a maildir (the embedded default).
    case maildir

    /// Whether messages of this kind are emails (templates' subject/text/html) rather than chat text.
    public var isEmail: Bool {
        self == .smtp || self == .maildir
    }
}
