import DixianNotify
import Foundation
import Testing

/// CPython's `email` package is an independent MIME implementation: if it reads our bytes back to
/// the same subject, sender and parts, the encoders agree with more than our own decoders.
@Suite("Cross-check with Python's email package")
struct PythonEmailCrossCheckTests {
    static let script = """
        import sys, json, email, email.policy
        m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
        parts = [p for p in m.walk() if not p.is_multipart()]
        print(json.dumps({
            "subject": str(m["subject"]),
            "from_name": m["from"].addresses[0].display_name,
            "from_addr": m["from"].addresses[0].addr_spec,
            "to": [a.display_name + "|" + a.addr_spec for a in m["to"].addresses],
            "types": [p.get_content_type() for p in parts],
            "bodies": [p.get_content().replace("\\r\\n", "\\n") for p in parts],
            "defects": sum(len(p.defects) for p in m.walk()) + len(m["subject"].defects),
        }))
        """

    static var python: URL? {
        ["/usr/bin/python3", "/usr/local/bin/python3"].map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test("python3 reads the subject, sender and both parts back", .enabled(if: Self.python != nil),
          arguments: [MailTransferEncoding.quotedPrintable, .base64])
    func crossCheck(_ encoding: MailTransferEncoding) throws {
        let subject = "【提醒】请于11月27日前提交防汛值班表 😀 — Flood duty roster, 县乡村振兴局 " + String(repeating: "很长的主题", count: 8)
        let text = "张三同志：\n请于本周五前提交防汛值班表。 \nLink: https://dixian.example.gov.cn/a?x=1\n"
        let html = "<p>张三同志：</p>\n<p>请于本周五前提交。</p>\n"
        let message = try MailMessage(
            from: MailAddress(parsing: "县乡村振兴局 <dixian@example.gov.cn>"),
            to: [MailAddress(parsing: "张三 <zhangsan@example.gov.cn>")],
            subject: subject,
            date: Date(timeIntervalSince1970: 1_795_395_600),
            timeZone: TimeZone(identifier: "Asia/Shanghai")!,
            messageID: MailMessageID(idempotencyKey: "k1", domain: "example.gov.cn"),
            text: text,
            html: html,
            extraHeaders: [MailHeader(name: "X-Dixian-Key", value: "k1")],
            transferEncoding: encoding
        )
        let process = Process()
        process.executableURL = try #require(Self.python)
        process.arguments = ["-c", Self.script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(message.render()))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["subject"] as? String == subject)
        #expect(result["from_name"] as? String == "县乡村振兴局")
        #expect(result["from_addr"] as? String == "dixian@example.gov.cn")
        #expect(result["to"] as? [String] == ["张三|zhangsan@example.gov.cn"])
        #expect(result["types"] as? [String] == ["text/plain", "text/html"])
        // The script turns CRLF back into LF, so the originals compare as written.
        #expect(result["bodies"] as? [String] == [text, html])
        #expect(result["defects"] as? Int == 0)
    }
}
