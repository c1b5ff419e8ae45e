import DixianCore
import Foundation

/// One reminder email, rendered to RFC 5322 / MIME bytes without any IO.
///
/// Every input is checked by the initialiser (or by the types it takes), so ``render()`` cannot fail
/// and the same message renders to the same bytes: retries and the maildir copy match.
public struct MailMessage: Sendable {
    /// The sender, e.g. `县乡村振兴局 <dixian@example.gov.cn>`.
    public let from: MailAddress
    /// The recipients, at least one.
    public let to: [MailAddress]
    /// Any text without CR, LF or NUL, with every resident ID number masked; written as encoded-words unless
    /// it is plain ASCII.
    public let subject: String
    /// The instant in the `Date:` header; given, never read from the clock, so renders are reproducible.
    public let date: Date
    /// The zone the `Date:` header is written in (the county's, usually Asia/Shanghai).
    public let timeZone: TimeZone
    /// Derived from the delivery's idempotency key, so a retry carries the same id.
    public let messageID: MailMessageID
    /// The `text/plain` part; always present, since some county clients show only plain text.
    public let text: String
    /// The `text/html` part; with it the body is `multipart/alternative`.
    public let html: String?
    /// Written after `MIME-Version`, in order, e.g. `X-Dixian-Key`; resident ID numbers in their values are
    /// masked when rendered.
    public let extraHeaders: [MailHeader]
    /// Files after the body; with any the message is `multipart/mixed`.
    public let attachments: [MailAttachment]
    /// `nil` picks per part with ``MailTransferEncoding/preferred(for:)``.
    public let transferEncoding: MailTransferEncoding?
    /// The multipart delimiter; pass a fixed one for reproducible output, or leave the random default.
    public let boundary: MIMEBoundary

    /// Checks the recipients and subject; addresses, Message-ID, headers and boundary were checked
    /// when they were made.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        date: Date,
        timeZone: TimeZone,
        messageID: MailMessageID,
        text: String,
        html: String? = nil,
        extraHeaders: [MailHeader] = [],
        attachments: [MailAttachment] = [],
        transferEncoding: MailTransferEncoding? = nil,
        boundary: MIMEBoundary = .random()
    ) throws(MIMEError) {
        guard !to.isEmpty else {
            throw MIMEError(.noRecipients, "邮件没有收件人 (message has no recipients)")
        }
        if MIMEError.breaksHeaderLine(subject) {
            throw MIMEError.headerInjection(field: "Subject")
        }
        self.from = from
        self.to = to
        self.subject = PersonalDataMask.maskingIDNumbers(in: subject)
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.text = text
        self.html = html
        self.extraHeaders = extraHeaders
        self.attachments = attachments
        self.transferEncoding = transferEncoding
        self.boundary = boundary
    }

    /// The message as CRLF-terminated lines: headers folded at 78 characters, no line over 998 octets.
    public func render() -> [UInt8] {
        var lines: [String] = []
        lines.append(HeaderFolding.fold(name: "From", tokens: self.from.headerTokens))
        lines.append(HeaderFolding.fold(name: "To", tokens: Self.addressListTokens(self.to)))
        lines.append(HeaderFolding.fold(name: "Subject", tokens: HeaderFolding.unstructuredTokens(self.subject)))
        lines.append("Date: " + MailDate.format(self.date, in: self.timeZone))
        lines.append(HeaderFolding.fold(name: "Message-ID", tokens: [self.messageID.value]))
        lines.append("MIME-Version: 1.0")
        for header in self.extraHeaders {
            lines.append(HeaderFolding.fold(name: header.name, tokens: HeaderFolding.unstructuredTokens(
                PersonalDataMask.maskingIDNumbers(in: header.value))))
        }
        guard !self.attachments.isEmpty else {
            lines.append(contentsOf: self.body(boundary: self.boundary))
            return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        }
        let parts = ([self.body(boundary: self.boundary.nested)] + self.attachments.map { $0.partLines() })
            .map { $0.joined(separator: "\r\n") }
        lines.append(contentsOf: Self.multipart("mixed", parts, boundary: self.boundary))
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The text, or the text and HTML as `multipart/alternative`: headers, blank line and body, as lines.
    private func body(boundary: MIMEBoundary) -> [String] {
        let plain = self.part(type: "text/plain", content: self.text)
        guard let html = self.html else { return plain }
        let parts = [plain, self.part(type: "text/html", content: html)].map { $0.joined(separator: "\r\n") }
        return Self.multipart("alternative", parts, boundary: boundary)
    }

    /// A multipart entity of already rendered parts, with a boundary none of them contains.
    private static func multipart(_ subtype: String, _ parts: [String], boundary: MIMEBoundary) -> [String] {
        let boundary = boundary.avoiding(parts)
        var lines = ["Content-Type: multipart/\(subtype);", " boundary=\"\(boundary.value)\"", ""]
        for part in parts {
            lines.append("--" + boundary.value)
            lines.append(part)
        }
        lines.append("--" + boundary.value + "--")
        return lines
    }

    /// A part's headers, blank line and encoded body, as lines.
    private func part(type: String, content: String) -> [String] {
        let bytes = CanonicalText.bytes(content)
        let encoding = self.transferEncoding ?? MailTransferEncoding.preferred(for: bytes)
        let body = encoding.encode(bytes)
        return [
            "Content-Type: \(type); charset=UTF-8",
            "Content-Transfer-Encoding: \(encoding.rawValue)",
            "",
        ] + (body.isEmpty ? [""] : body)  // an empty body is one empty line, so the part still has one
    }

    /// `a, "名" <b>, …`: the comma sticks to the mailbox's last token so folds fall between tokens.
    private static func addressListTokens(_ addresses: [MailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            var mailbox = address.headerTokens
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens.append(contentsOf: mailbox)
        }
        return tokens
    }
}
