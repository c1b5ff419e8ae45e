/// Cuts the server's byte stream into ``SMTPReply`` values, however the network split it.
///
/// Lines end in CRLF (a bare LF is accepted, as many clients do). Bytes are kept until a reply's last
/// line (`NNN ` or a bare `NNN`) arrives, so a reply split across reads, or several replies in one read
/// (pipelining, or a server that talks too early), come out the same.
public struct SMTPReplyParser: Sendable {
    /// RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; servers exceed it, so we are lenient but bounded.
    public static let maximumLineLength = 8192
    /// A bound on lines per reply, so a hostile server cannot grow a reply without end.
    public static let maximumLines = 1000

    private var buffer: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    public init() {}

    /// Whether bytes of an unfinished reply are waiting. After the `220` to STARTTLS this must be
    /// false: anything already read was sent in plaintext and could have been injected.
    public var hasBufferedBytes: Bool { !self.buffer.isEmpty || self.pendingCode != nil }

    /// Adds bytes and returns the replies they complete, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(SMTPError) -> [SMTPReply]
    where Bytes.Element == UInt8 {
        self.buffer.append(contentsOf: bytes)
        var replies: [SMTPReply] = []
        var start = 0
        while let newline = self.buffer[start...].firstIndex(of: 0x0A) {
            var end = newline
            if end > start, self.buffer[end - 1] == 0x0D { end -= 1 }
            let line = Array(self.buffer[start..<end])
            start = newline + 1
            if let reply = try self.consume(line: line) { replies.append(reply) }
        }
        self.buffer.removeFirst(start)
        guard self.buffer.count <= Self.maximumLineLength else {
            throw SMTPError(.protocolViolation, "SMTP 回复行过长 (reply line too long)")
        }
        return replies
    }

    private mutating func consume(line: [UInt8]) throws(SMTPError) -> SMTPReply? {
        guard line.count >= 3, line.count <= Self.maximumLineLength,
              line[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else {
            throw SMTPError(.protocolViolation, "SMTP 回复格式错误 (malformed reply line)",
                            context: ["line": String(decoding: line.prefix(80), as: UTF8.self)])
        }
        let code = line[0...2].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        if let pendingCode = self.pendingCode, pendingCode != code {
            throw SMTPError(.protocolViolation, "SMTP 多行回复代码不一致 (reply code changed within a multi-line reply)",
                            context: ["first": String(pendingCode), "then": String(code)])
        }
        let text = line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : ""
        self.pendingLines.append(text)
        guard self.pendingLines.count <= Self.maximumLines else {
            throw SMTPError(.protocolViolation, "SMTP 回复行数过多 (too many reply lines)")
        }
        if line.count > 3, line[3] == UInt8(ascii: "-") {
            self.pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: self.pendingLines)
        self.pendingCode = nil
        self.pendingLines = []
        return reply
    }
}
