import DixianCore
import DixianNotify
import DixianTestSupport
import Foundation
import Testing

/// Attachments (附件) as Python's email package reads them: the Chinese file name decoded from RFC 2231 (with
/// continuations when long), the content type, and the bytes after base64.
@Suite("Mail attachments")
struct MailAttachmentTests {
    static let script = """
        import sys, json, base64, email, email.policy
        raw = sys.stdin.buffer.read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        out = {"type": m.get_content_type(), "defects": sum(len(p.defects) for p in m.walk()), "attachments": [],
               "body": m.get_body(preferencelist=("html", "plain")).get_content_type(),
               "longest": max(len(line) for line in raw.split(b"\\r\\n")), "line": max(raw.split(b"\\r\\n"), key=len).decode()}
        for part in m.iter_attachments():
            out["attachments"].append({"filename": part.get_filename(), "type": part.get_content_type(),
                                       "data": base64.b64encode(part.get_payload(decode=True)).decode()})
        print(json.dumps(out))
        """

    static func message(attachments: [MailAttachment], html: String?, boundary: MIMEBoundary = .random()) throws -> MailMessage {
        try MailMessage(
            from: MailAddress(parsing: "县乡村振兴局 <dixian@example.gov.cn>"), to: [MailAddress(parsing: "a@example.gov.cn")],
            subject: "【每周通报】岚川县巩固衔接工作每周通报", date: Date(timeIntervalSince1970: 1_795_395_600),
            timeZone: TimeZone(identifier: "Asia/Shanghai")!, messageID: MailMessageID(idempotencyKey: "k", domain: "example.gov.cn"),
            text: "正文", html: html, attachments: attachments, boundary: boundary)
    }

    @Test(
        "python3 decodes the Chinese file name, the type and the bytes; short and long names, with and without HTML",
        .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3"),
        arguments: [("通报.xlsx", true), ("岚川县巩固衔接工作每周通报（2026年第31周 7月27日—8月2日）明细表 Weekly bulletin.xlsx", false)])
    func python(_ filename: String, html: Bool) async throws {
        var random = SeededRandom(seed: 31)
        let bytes = (0..<5_000).map { _ in UInt8(random.below(256)) }
        let attachment = try MailAttachment(filename: filename, contentType: MailAttachment.xlsxType, bytes: bytes)
        let second = try MailAttachment(filename: "note.txt", contentType: "text/plain", bytes: Array("x".utf8))
        let message = try Self.message(attachments: [attachment, second], html: html ? "<p>正文</p>" : nil)
        let data = try await PythonEmailCrossCheckTests.runPython(Self.script, input: Data(message.render()))
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["type"] as? String == "multipart/mixed")
        #expect(result["body"] as? String == (html ? "text/html" : "text/plain"))
        #expect(result["defects"] as? Int == 0)
        #expect((result["longest"] as? Int ?? 999) <= 78, "every line within 78 characters: \(result["line"] ?? "")")
        let parts = try #require(result["attachments"] as? [[String: String]])
        #expect(parts.map { $0["filename"] } == [filename, "note.txt"])
        #expect(parts.map { $0["type"] } == [MailAttachment.xlsxType, "text/plain"])
        #expect(parts.first?["data"] == Data(bytes).base64EncodedString())
    }

    @Test("a name with a line break or a slash, or a type that is not type/subtype, is refused; ID numbers in a name are masked")
    func refusals() throws {
        for name in ["a\r\nBcc: x@y", "../etc/passwd", "a\\b", ""] {
            #expect(throws: MIMEError.self) { try MailAttachment(filename: name, contentType: "text/plain", bytes: []) }
        }
        for type in ["text", "text/plain; name=x", "text/pl ain", "/x"] {
            #expect(throws: MIMEError.self) { try MailAttachment(filename: "a.txt", contentType: type, bytes: []) }
        }
        let masked = try MailAttachment(filename: "110101199003074514的材料.xlsx", contentType: "text/plain", bytes: [])
        #expect(!masked.filename.contains("199003074514"))
    }

    @Test("the same message renders the same bytes; without attachments the layout is unchanged")
    func reproducible() throws {
        let boundary = try MIMEBoundary("b1")
        let attachment = try MailAttachment(filename: "通报.xlsx", contentType: MailAttachment.xlsxType, bytes: [1, 2, 3])
        let one = try Self.message(attachments: [attachment], html: "<p>x</p>", boundary: boundary).render()
        #expect(one == (try Self.message(attachments: [attachment], html: "<p>x</p>", boundary: boundary).render()))
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.contains("boundary=\"b1\"") && text.contains("boundary=\"b0\""), "the inner entity has its own boundary")
        let plain = String(decoding: try Self.message(attachments: [], html: nil, boundary: boundary).render(), as: UTF8.self)
        #expect(!plain.contains("multipart"))
    }
}
