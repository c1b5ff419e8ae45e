import DixianCore

/// Why a mail message, address or header could not be built, with a stable code and a Chinese-first message.
///
/// Problems are caught when values are constructed, so ``MailMessage/render()`` cannot fail and never
/// writes a header an attacker shaped: a CR or LF in a value would start a new header line.
public struct MIMEError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// A header value, display name or address holds CR, LF or NUL (header injection).
        public static let headerInjection = Code(description: "header_injection")
        /// An address that is not a plain ASCII `local@domain` addr-spec, or a display name that cannot be parsed.
        public static let malformedAddress = Code(description: "malformed_address")
        /// A header name with characters RFC 5322 does not allow, or one the builder writes itself.
        public static let invalidHeaderName = Code(description: "invalid_header_name")
        /// A MIME boundary with characters RFC 2046 does not allow, or of the wrong length.
        public static let invalidBoundary = Code(description: "invalid_boundary")
        /// A Message-ID domain or idempotency key that cannot be used.
        public static let invalidMessageID = Code(description: "invalid_message_id")
        /// A message without recipients.
        public static let noRecipients = Code(description: "no_recipients")
        /// An attachment whose file name or content type cannot be written into a header.
        public static let invalidAttachment = Code(description: "invalid_attachment")
    }

    public var code: Code
    /// Chinese first, English in parentheses, fit for an operator's log.
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }
}

extension MIMEError {
    static func headerInjection(field: String) -> Self {
        Self(.headerInjection, "邮件头含有换行或空字符 (header value contains CR, LF or NUL)", context: ["field": field])
    }

    static func malformedAddress(_ reason: String, input: String) -> Self {
        Self(.malformedAddress, "邮件地址无效 (malformed email address)", context: ["reason": reason, "input": input])
    }

    /// Whether a value would break out of its header line.
    static func breaksHeaderLine(_ value: String) -> Bool {
        value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}
