/// What a server announced in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after the first.
public struct SMTPCapabilities: Sendable, Hashable {
    public var startTLS: Bool
    /// Upper-cased SASL mechanisms from `AUTH PLAIN LOGIN …` (also the old `AUTH=` form).
    public var authMechanisms: Set<String>
    /// The `SIZE` limit in octets; nil when not announced or unlimited (`SIZE 0`).
    public var maximumSize: Int?
    public var eightBitMIME: Bool

    public init(startTLS: Bool = false, authMechanisms: Set<String> = [], maximumSize: Int? = nil, eightBitMIME: Bool = false) {
        self.startTLS = startTLS
        self.authMechanisms = authMechanisms
        self.maximumSize = maximumSize
        self.eightBitMIME = eightBitMIME
    }

    /// Reads the keywords of a 250 EHLO reply; the first line is the server's greeting name.
    public init(ehloReply reply: SMTPReply) {
        self.init()
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": self.startTLS = true
            case "AUTH": self.authMechanisms.formUnion(words.dropFirst())
            case "SIZE": self.maximumSize = words.dropFirst().first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            case "8BITMIME": self.eightBitMIME = true
            default: break
            }
        }
    }
}
