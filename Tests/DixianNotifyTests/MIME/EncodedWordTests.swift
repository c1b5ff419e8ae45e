import DixianCore
import DixianNotify
import Foundation
import Testing

@Suite("RFC 2047 encoded-words and header folding")
struct EncodedWordTests {
    static let from = try! MailAddress(parsing: "县乡村振兴局 <dixian@example.gov.cn>")
    static let messageID = try! MailMessageID(idempotencyKey: "k", domain: "example.gov.cn")

    static func message(subject: String, from: MailAddress = Self.from) throws -> ParsedMessage {
        let message = try MailMessage(
            from: from, to: [try MailAddress(parsing: "a@example.gov.cn")], subject: subject,
            date: Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
            messageID: Self.messageID, text: "x"
        )
        return ParsedMessage(message.render())
    }

    @Test("every encoded-word is at most 75 characters and decodes to valid UTF-8 on its own")
    func wordsAreBounded() {
        var random = SeededRandom(seed: 2047)
        for _ in 0..<1_000 {
            let text = RandomText.string(&random, maxLength: 80)
            let limit = 20 + random.below(EncodedWord.maximumLength - 19)
            let words = EncodedWord.encode(text, maximumLength: limit)
            var joined = ""
            for word in words {
                #expect(word.utf8.count <= limit)
                let decoded = MIMEDecoders.encodedWord(word)
                #expect(decoded != nil, "word \(word) of \(text.debugDescription) is not valid UTF-8 alone")
                joined += decoded ?? ""
            }
            #expect(joined == text)
        }
    }

    @Test("rendered subjects decode back to the original, lines stay within 78")
    func subjectRoundTrip() throws {
        var random = SeededRandom(seed: 5322)
        for round in 0..<1_000 {
            let subject = round % 4 == 0 ? RandomText.asciiSentence(&random) : RandomText.string(&random, maxLength: 120)
            let parsed = try Self.message(subject: subject)
            let folded = try #require(parsed.header("Subject"))
            #expect(MIMEDecoders.headerValue(folded) == subject, "seed round \(round): \(subject.debugDescription)")
            for line in ("Subject:" + folded).split(separator: "\r\n") {
                #expect(line.utf8.count <= 78, "\(line)")
            }
            for token in folded.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where token.hasPrefix("=?") {
                #expect(token.utf8.count <= 75)
            }
        }
    }

    @Test("display names round-trip through From")
    func displayNameRoundTrip() throws {
        var random = SeededRandom(seed: 8)
        for _ in 0..<1_000 {
            let name = RandomText.string(&random, maxLength: 60).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains("\t") else { continue }
            let from = try MailAddress(displayName: name, address: "dixian@example.gov.cn")
            let parsed = try Self.message(subject: "s", from: from)
            let folded = try #require(parsed.header("From"))
            for line in ("From:" + folded).split(separator: "\r\n") {
                #expect(line.utf8.count <= 78)
            }
            let value = try #require(MIMEDecoders.headerValue(folded))
            #expect(value.hasSuffix(" <dixian@example.gov.cn>"))
            var shown = String(value.dropLast(" <dixian@example.gov.cn>".count))
            if shown.hasPrefix("\"") {
                shown = String(shown.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            #expect(shown == name)
        }
    }

    @Test("ASCII subjects stay readable")
    func asciiReadable() throws {
        let parsed = try Self.message(subject: "Reminder: flood duty roster due Friday")
        #expect(parsed.header("Subject") == " Reminder: flood duty roster due Friday")
        let chinese = try Self.message(subject: "防汛值班提醒")
        #expect(chinese.header("Subject")?.hasPrefix(" =?UTF-8?B?") == true)
    }
}
