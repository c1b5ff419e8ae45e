import DixianCore

/// A message template (消息模板) in the Mustache subset of plugins/README.md §9, already checked.
public struct MessageTemplate: Sendable, Hashable, Identifiable, Encodable {
    /// Template id, e.g. `duty-reminder`.
    public var id: String
    /// What it is for.
    public var description: String?
    /// Email subject, one line.
    public var subject: String
    /// Email plain-text body.
    public var text: String
    /// Email HTML body, if any.
    public var html: String?
    /// Chat-bot text; never personal data or signed links.
    public var chat: String
    /// Where the template is declared.
    public var location: Diagnostic.Location
}

extension MessageTemplate {
    private enum CodingKeys: String, CodingKey { case id, description, subject, text, html, chat }
}
