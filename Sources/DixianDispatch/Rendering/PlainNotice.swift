import DixianCore
import DixianNotify
/// A message that comes from no plugin template (系统通知): a channel test, a dead-letter notice, the weekly
/// bulletin. Plain lines get the same footer naming the office and the same HTML frame as reminders.
public struct PlainNotice: Sendable, Hashable {
    public var subject: String
    /// Paragraph lines; an empty string is a blank line.
    public var lines: [String]
    /// The chat text (group bots get no footer).
    public var chat: String
    public var office: ReminderFacts.Office
    /// An HTML body made by the caller, escaped already (the bulletin's tables); nil sets the lines as paragraphs.
    public var htmlBody: String?

    public init(subject: String, lines: [String], chat: String, office: ReminderFacts.Office, htmlBody: String? = nil) {
        self.subject = subject
        self.lines = lines
        self.chat = chat
        self.office = office
        self.htmlBody = htmlBody
    }

    /// Text and HTML with footer, ID numbers masked like every other message.
    public func rendered() -> RenderedContent {
        let footer = MessageFooter(office: office)
        let text = footer.appended(toText: lines.joined(separator: "\n"))
        let body = htmlBody ?? lines.split(separator: "", omittingEmptySubsequences: true)
            .map { "<p>" + $0.map(HTMLText.escape).joined(separator: "<br>") + "</p>" }
            .joined(separator: "\n")
        return RenderedContent(
            subject: PersonalDataMask.maskingIDNumbers(in: subject.renderedSingleLine),
            text: PersonalDataMask.maskingIDNumbers(in: text),
            html: PersonalDataMask.maskingIDNumbers(in: MailLayout.document(title: subject, body: body, footer: footer.html)),
            chat: PersonalDataMask.maskingIDNumbers(in: chat))
    }
}
