import DixianCore
import DixianNotify
import Foundation
import Testing

@Suite("Mail messages")
struct MailMessageTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func sample(
        subject: String = "【提醒】防汛值班表请于周五前提交",
        text: String = "张三同志：\n请于本周五前提交防汛值班表。\n",
        html: String? = "<p>张三同志：</p><p>请于本周五前提交防汛值班表。</p>",
        encoding: MailTransferEncoding? = nil,
        boundary: MIMEBoundary? = nil
    ) throws -> MailMessage {
        try MailMessage(
            from: MailAddress(parsing: "县乡村振兴局 <dixian@example.gov.cn>"),
            to: [MailAddress(parsing: "张三 <zhangsan@xiang.example.gov.cn>"), MailAddress(parsing: "li@example.gov.cn")],
            subject: subject,
            date: Date(timeIntervalSince1970: 1_795_395_600),  // 2026-11-23 01:00:00 UTC
            timeZone: Self.shanghai,
            messageID: MailMessageID(idempotencyKey: "reminder:42:2026-11-23", domain: "dixian.example.gov.cn"),
            text: text,
            html: html,
            extraHeaders: [MailHeader(name: "X-Dixian-Key", value: "reminder:42:2026-11-23")],
            transferEncoding: encoding,
            boundary: boundary ?? MIMEBoundary("=_test_boundary")
        )
    }

    @Test("Date is RFC 5322 with the numeric zone")
    func date() {
        let date = Date(timeIntervalSince1970: 1_795_395_600)
        #expect(MailDate.format(date, in: Self.shanghai) == "Mon, 23 Nov 2026 09:00:00 +0800")
        #expect(MailDate.format(date, in: TimeZone(identifier: "UTC")!) == "Mon, 23 Nov 2026 01:00:00 +0000")
        #expect(MailDate.format(date, in: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!) == "Sun, 22 Nov 2026 21:30:00 -0330")
        #expect(MailDate.format(Date(timeIntervalSince1970: 5), in: Self.shanghai) == "Thu, 01 Jan 1970 08:00:05 +0800")
    }

    @Test("Message-ID is stable per key and differs between keys")
    func messageID() throws {
        let a = try MailMessageID(idempotencyKey: "reminder:42", domain: "example.gov.cn")
        let b = try MailMessageID(idempotencyKey: "reminder:42", domain: "example.gov.cn")
        let c = try MailMessageID(idempotencyKey: "reminder:43", domain: "example.gov.cn")
        #expect(a == b)
        #expect(a != c)
        // SHA-256("abc") starts ba7816bf8f01cfea414140de5dae2223.
        #expect(try MailMessageID(idempotencyKey: "abc", domain: "x.cn").value == "<ba7816bf8f01cfea414140de5dae2223@x.cn>")
        #expect(throws: MIMEError.self) { try MailMessageID(idempotencyKey: "k", domain: "bad domain") }
        #expect(throws: MIMEError.self) { try MailMessageID(idempotencyKey: "", domain: "x.cn") }
    }

    @Test("header injection is refused")
    func injection() throws {
        for evil in ["a\r\nBcc: x@y.cn", "a\nb", "a\rb", "a\u{0}b"] {
            #expect { try Self.sample(subject: evil) } throws: { ($0 as? MIMEError)?.code == .headerInjection }
            #expect { try MailHeader(name: "X-Dixian-Key", value: evil) } throws: { ($0 as? MIMEError)?.code == .headerInjection }
        }
        #expect { try MailHeader(name: "X-Bad:Name", value: "v") } throws: { ($0 as? MIMEError)?.code == .invalidHeaderName }
        #expect { try MailHeader(name: "Bcc\r\nX", value: "v") } throws: { ($0 as? MIMEError)?.code == .invalidHeaderName }
        #expect { try MailHeader(name: "Subject", value: "v") } throws: { ($0 as? MIMEError)?.code == .invalidHeaderName }
        #expect(throws: MIMEError.self) { try MIMEBoundary("bad\r\nboundary") }
    }

    @Test("renders the expected headers")
    func headers() throws {
        let parsed = ParsedMessage(try Self.sample().render())
        #expect(parsed.header("Date") == " Mon, 23 Nov 2026 09:00:00 +0800")
        #expect(parsed.header("MIME-Version") == " 1.0")
        #expect(parsed.header("X-Dixian-Key") == " reminder:42:2026-11-23")
        #expect(parsed.header("Message-ID")?.hasSuffix("@dixian.example.gov.cn>") == true)
        #expect(parsed.headers.map(\.name).prefix(3) == ["From", "To", "Subject"])
        #expect(MIMEDecoders.headerValue(parsed.header("Subject")!) == "【提醒】防汛值班表请于周五前提交")
        #expect(MIMEDecoders.headerValue(parsed.header("To")!) == "张三 <zhangsan@xiang.example.gov.cn>, li@example.gov.cn")
    }

    @Test("rendered messages keep CRLF, line limits, boundaries and decode back", arguments: [
        nil, MailTransferEncoding.quotedPrintable, .base64,
    ])
    func renderProperties(_ encoding: MailTransferEncoding?) throws {
        var random = SeededRandom(seed: 998 + UInt64(encoding?.rawValue.count ?? 0))
        for round in 0..<1_000 {
            let text = RandomText.string(&random, maxLength: 300) + "\n" + RandomText.string(&random, maxLength: 200)
            let html = "<p>" + RandomText.string(&random, maxLength: 300) + "</p>"
            let boundary = round % 3 == 0
                ? try MIMEBoundary(random.pick(["A", "QQ", "=3D", "abc", "=_x"]))
                : MIMEBoundary.random(using: &random)
            let message = try Self.sample(
                subject: RandomText.string(&random, maxLength: 100), text: text, html: html,
                encoding: encoding, boundary: boundary
            )
            let bytes = message.render()
            // CRLF everywhere: every LF follows a CR and every CR precedes an LF.
            for (index, byte) in bytes.enumerated() {
                if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
                if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
            }
            #expect(bytes.allSatisfy { $0 < 0x80 }, "rendered message must be 7-bit")
            let parsed = ParsedMessage(bytes)
            for header in parsed.headers {
                for line in (header.name + ":" + header.folded).split(separator: "\r\n") {
                    #expect(line.utf8.count <= 78, "\(line)")
                }
            }
            let contentType = try #require(parsed.header("Content-Type"))
            let used = try #require(contentType.split(separator: "\"").dropFirst().first.map(String.init))
            let delimiter = "--" + used
            var parts: [[String]] = []
            for line in parsed.bodyLines {
                #expect(line.utf8.count <= 998)
                if line == delimiter { parts.append([]) } else if line == delimiter + "--" { break } else {
                    #expect(!line.contains(used), "boundary inside a part")
                    if !parts.isEmpty { parts[parts.count - 1].append(line) }
                }
            }
            try #require(parts.count == 2)
            let expected = [text, html].map { Array($0.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8) }
            for (part, original) in zip(parts, expected) {
                let separator = try #require(part.firstIndex(of: ""))
                let cte = part[..<separator].first { $0.hasPrefix("Content-Transfer-Encoding: ") }
                let body = Array(part[(separator + 1)...])
                let decoded = cte == "Content-Transfer-Encoding: base64"
                    ? MIMEDecoders.base64(body.joined()) : MIMEDecoders.quotedPrintable(body)
                #expect(decoded == original, "round \(round)")
                if let encoding { #expect(cte == "Content-Transfer-Encoding: \(encoding.rawValue)") }
            }
        }
    }

    @Test("dot-stuffing doubles dots at line starts only")
    func dotStuffing() {
        let input = Array(".a\r\nb.c\r\n..\r\n.\r\nx".utf8)
        #expect(SMTPDotStuffing.stuff(input) == Array("..a\r\nb.c\r\n...\r\n..\r\nx".utf8))
        #expect(SMTPDotStuffing.stuff(Array("a\n.b".utf8)) == Array("a\n.b".utf8))
    }

    @Test("the same inputs render the same bytes")
    func deterministic() throws {
        #expect(try Self.sample().render() == Self.sample().render())
    }

    @Test("without HTML the message is a single text/plain part")
    func textOnly() throws {
        let parsed = ParsedMessage(try Self.sample(text: "Hello 县长\nline two", html: nil, encoding: .quotedPrintable).render())
        #expect(parsed.header("Content-Type") == " text/plain; charset=UTF-8")
        #expect(parsed.header("Content-Transfer-Encoding") == " quoted-printable")
        #expect(MIMEDecoders.quotedPrintable(parsed.bodyLines) == Array("Hello 县长\r\nline two".utf8))
    }

    @Test("a caller's boundary that occurs in a part is replaced by a collision-free one")
    func boundaryCollision() throws {
        // "QQ" occurs in the base64 of "AAAA" ("QUFBQQ==").
        let bytes = try Self.sample(text: "AAAA", html: "AAAA", encoding: .base64, boundary: MIMEBoundary("QQ")).render()
        let parsed = ParsedMessage(bytes)
        #expect(parsed.bodyLines.contains("QUFBQQ=="))
        #expect(parsed.bodyLines.first == "--=_QQ")
        #expect(parsed.bodyLines.last == "--=_QQ--")
        #expect(String(decoding: bytes, as: UTF8.self).contains("boundary=\"=_QQ\""))
    }
}
