import DixianCore
import DixianNotify
import Testing

@Suite("Quoted-printable and base64 bodies")
struct TransferEncodingTests {
    @Test("quoted-printable decodes back byte for byte, lines ≤ 76, no split sequences")
    func quotedPrintableRoundTrip() throws {
        var random = SeededRandom(seed: 2045)
        for round in 0..<2_000 {
            let bytes = RandomText.bytes(&random, maxLength: round % 10 == 0 ? 600 : 120)
            let lines = QuotedPrintable.encode(bytes)
            #expect(MIMEDecoders.quotedPrintable(lines) == bytes, "round \(round)")
            for line in lines {
                #expect(line.utf8.count <= 76, "\(line)")
                #expect(line.utf8.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) })
                #expect(line.last != " " && line.last != "\t")
            }
            // A soft-broken line must end on a whole character: decode it alone and check UTF-8
            // continuation bytes never start the next line.
            for (index, line) in lines.enumerated().dropLast() where line.hasSuffix("=") {
                let next = MIMEDecoders.quotedPrintable([lines[index + 1]]) ?? []
                let current = MIMEDecoders.quotedPrintable([String(line)]) ?? []
                if let first = next.first, first & 0xC0 == 0x80, let last = current.last, last >= 0xC2 {
                    Issue.record("UTF-8 sequence split across a soft break in round \(round)")
                }
            }
        }
    }

    @Test("soft breaks never split a UTF-8 sequence: every line of valid text decodes to valid UTF-8 alone")
    func quotedPrintableKeepsCharactersWhole() throws {
        var random = SeededRandom(seed: 76)
        for round in 0..<1_000 {
            let text = RandomText.string(&random, maxLength: 200)
            for line in QuotedPrintable.encode(Array(text.utf8)) {
                let bytes = try #require(MIMEDecoders.quotedPrintable([line]))
                #expect(String(validating: bytes, as: UTF8.self) != nil, "round \(round): \(line)")
            }
        }
    }

    @Test("quoted-printable encodes trailing white space and keeps Chinese sequences whole")
    func quotedPrintableDetails() {
        #expect(QuotedPrintable.encode(Array("a \r\nb\t".utf8)) == ["a=20", "b=09"])
        #expect(QuotedPrintable.encode(Array("x=y".utf8)) == ["x=3Dy"])
        let line = QuotedPrintable.encode(Array(String(repeating: "县", count: 30).utf8))
        // 9 characters per 县: 8 fit before the soft break (72 + "=").
        #expect(line.first?.utf8.count == 73)
        #expect(line.count == 4)
    }

    @Test("base64 decodes back byte for byte in 76-character lines")
    func base64RoundTrip() {
        var random = SeededRandom(seed: 4648)
        for round in 0..<1_000 {
            let bytes = RandomText.bytes(&random, maxLength: 400)
            let lines = Base64.encodeLines(bytes)
            #expect(lines.allSatisfy { $0.utf8.count <= 76 })
            #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
            #expect(MIMEDecoders.base64(lines.joined(separator: "\r\n")) == bytes, "round \(round)")
        }
    }

    @Test("automatic choice: QP for mostly ASCII, base64 for Chinese")
    func preferred() {
        #expect(MailTransferEncoding.preferred(for: Array("Please submit the flood duty roster by Friday: https://dixian.example.gov.cn/r/42 谢谢".utf8)) == .quotedPrintable)
        #expect(MailTransferEncoding.preferred(for: Array("请于本周五前提交防汛值班表".utf8)) == .base64)
    }
}
