import DixianNotify
import Testing

@Suite("SMTP reply parser")
struct SMTPReplyParserTests {
    @Test("a multi-line EHLO reply is one reply with every line and its capabilities")
    func multiLine() throws {
        var parser = SMTPReplyParser()
        let text = "250-mail.example.gov.cn\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-AUTH=LOGIN\r\n250-AUTH PLAIN login\r\n250 8BITMIME\r\n"
        let replies = try parser.feed(Array(text.utf8))
        #expect(replies.count == 1)
        let reply = try #require(replies.first)
        #expect(reply.code == 250)
        #expect(reply.lines == ["mail.example.gov.cn", "SIZE 10240000", "STARTTLS", "AUTH=LOGIN", "AUTH PLAIN login", "8BITMIME"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities == SMTPCapabilities(startTLS: true, authMechanisms: ["PLAIN", "LOGIN"], maximumSize: 10_240_000, eightBitMIME: true))
        #expect(!parser.hasBufferedBytes)
    }

    @Test("enhanced status codes are recognised only in x.y.z form")
    func enhancedStatus() throws {
        var parser = SMTPReplyParser()
        let replies = try parser.feed(Array("250 2.0.0 Ok: queued as 4F2C\r\n550 mailbox unavailable\r\n451 4.3.0\r\n220\r\n".utf8))
        #expect(replies.map(\.code) == [250, 550, 451, 220])
        #expect(replies.map(\.enhancedStatus) == ["2.0.0", nil, "4.3.0", nil])
        #expect(replies[0].description == "250 2.0.0 Ok: queued as 4F2C")
        #expect(replies[3].lines == [""])
    }

    @Test("an unfinished reply waits for its last line", arguments: ["250-first\r\n", "250 no end yet"])
    func partial(_ text: String) throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array(text.utf8)).isEmpty)
        #expect(parser.hasBufferedBytes)
    }

    @Test("malformed lines and changing codes are protocol violations",
          arguments: ["hello\r\n", "25\r\n", "250x\r\n", "250-a\r\n251 b\r\n"])
    func malformed(_ text: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.feed(Array(text.utf8)) }
    }

    @Test("a line longer than the limit is refused instead of buffered without end")
    func overlong() {
        var parser = SMTPReplyParser()
        let line = [UInt8]("250 ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: SMTPReplyParser.maximumLineLength + 10)
        #expect(throws: SMTPError.self) { try parser.feed(line) }
    }

    @Test("random splits of the byte stream give the same replies (property)", arguments: 0..<40)
    func randomSplits(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let expected = (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.randomReply(using: &random) }
        let stream = expected.flatMap(Self.wire)
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        var index = 0
        while index < stream.count {
            let length = Int.random(in: 0...min(9, stream.count - index), using: &random)
            replies += try parser.feed(stream[index..<(index + length)])
            index += length
        }
        #expect(replies == expected)
        #expect(!parser.hasBufferedBytes)
    }

    static func randomReply(using random: inout SeededGenerator) -> SMTPReply {
        let code = [220, 221, 235, 250, 334, 354, 421, 451, 535, 550, 554].randomElement(using: &random)!
        let alphabet = Array("abcXYZ019 .:-=<>@ 中文")
        let lines = (0..<Int.random(in: 1...5, using: &random)).map { _ in
            String((0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        return SMTPReply(code: code, lines: lines)
    }

    static func wire(_ reply: SMTPReply) -> [UInt8] {
        reply.lines.enumerated().flatMap { index, line in
            Array("\(reply.code)\(index == reply.lines.count - 1 ? " " : "-")\(line)\r\n".utf8)
        }
    }
}

/// SplitMix64: reproducible randomness for property tests (a failing seed can be rerun).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
