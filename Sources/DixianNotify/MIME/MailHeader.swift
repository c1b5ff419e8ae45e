/// An extra header field such as `X-Dixian-Key`, checked when made so it cannot inject lines.
public struct MailHeader: Sendable, Hashable {
    public let name: String
    public let value: String

    /// Fields the builder writes itself; a second copy would make the message ambiguous.
    static let reservedNames: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    /// A header with a field name of printable ASCII other than `:` (RFC 5322 §3.6.8) and a value
    /// without CR, LF or NUL. Non-ASCII values are written as encoded-words.
    public init(name: String, value: String) throws(MIMEError) {
        guard !name.isEmpty, name.utf8.count <= 76,
              name.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: ":") })
        else {
            throw MIMEError(.invalidHeaderName, "邮件头名称无效 (invalid header name)", context: ["name": name])
        }
        guard !Self.reservedNames.contains(name.lowercased()) else {
            throw MIMEError(.invalidHeaderName, "该邮件头由系统生成，不能另行指定 (header is written by the builder)", context: ["name": name])
        }
        if MIMEError.breaksHeaderLine(value) {
            throw MIMEError.headerInjection(field: name)
        }
        self.name = name
        self.value = value
    }
}
