/// One thing the client writes. ``description`` is safe to log: AUTH payloads are masked.
public enum SMTPCommand: Sendable, Hashable, CustomStringConvertible {
    case ehlo(String)
    case startTLS
    /// `AUTH PLAIN <base64(\0user\0password)>` (RFC 4616, initial response).
    case authPlain(initialResponse: String)
    case authLogin
    /// A base64 answer to a 334 challenge: the user name, then the password.
    case authResponse(String)
    case mailFrom(String)
    case rcptTo(String)
    case data
    /// The dot-stuffed message followed by `.CRLF`.
    case messageBody([UInt8])
    case rset
    case quit

    /// The bytes on the wire.
    public var bytes: [UInt8] {
        switch self {
        case .messageBody(let body):
            var bytes = SMTPDotStuffing.stuff(body)
            if !(bytes.count >= 2 && bytes[bytes.count - 2] == 0x0D && bytes[bytes.count - 1] == 0x0A) {
                bytes += [0x0D, 0x0A]
            }
            return bytes + Array(".\r\n".utf8)
        default:
            return Array((self.line + "\r\n").utf8)
        }
    }

    private var line: String {
        switch self {
        case .ehlo(let name): "EHLO \(name)"
        case .startTLS: "STARTTLS"
        case .authPlain(let response): "AUTH PLAIN \(response)"
        case .authLogin: "AUTH LOGIN"
        case .authResponse(let response): response
        case .mailFrom(let address): "MAIL FROM:<\(address)>"
        case .rcptTo(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .messageBody: ""
        case .rset: "RSET"
        case .quit: "QUIT"
        }
    }

    public var description: String {
        switch self {
        case .authPlain: "AUTH PLAIN ****"
        case .authResponse: "****"
        case .messageBody(let body): "<message, \(body.count) octets>"
        default: self.line
        }
    }
}
