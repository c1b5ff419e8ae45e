import DixianCore
import DixianNotify
import DixianTestSupport
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

    /// The same checks for many messages in one run: a JSON list of base64-encoded messages in.
    static let batchScript = """
        import sys, json, base64, email, email.policy
        out = []
        for raw in json.load(sys.stdin):
            m = email.message_from_bytes(base64.b64decode(raw), policy=email.policy.default)
            parts = [p for p in m.walk() if not p.is_multipart()]
            out.append({
                "subject": str(m["subject"]),
                "from_name": m["from"].addresses[0].display_name,
                "bodies": [p.get_content().replace("\\r\\n", "\\n") for p in parts],
                "defects": sum(len(p.defects) for p in m.walk()) + len(m["subject"].defects) + len(m["from"].defects),
            })
        print(json.dumps(out))
        """

    /// Runs `script` with `input` on stdin and returns stdout.
    static func runPython(_ script: String, input: Data) async throws -> Data {
        try await PythonInterpreter.run(script, input: input)
    }

    static var python: URL? { PythonInterpreter.url }

    @Test("python3 reads the subject, sender and both parts back", .enabled(if: RequiredTools.enabled(Self.python != nil), "needs python3"),
          arguments: [MailTransferEncoding.quotedPrintable, .base64])
    func crossCheck(_ encoding: MailTransferEncoding) async throws {
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
        let data = try await Self.runPython(Self.script, input: Data(message.render()))
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

    @Test("python3 reads 300 random messages back", .enabled(if: RequiredTools.enabled(Self.python != nil), "needs python3"))
    func randomMessages() async throws {
        var random = SeededRandom(seed: 3_000)
        var expected: [(subject: String, name: String, bodies: [String])] = []
        var rendered: [String] = []
        for round in 0..<300 {
            let subject = round % 5 == 0 ? RandomText.asciiSentence(&random) : RandomText.string(&random, maxLength: 90)
            let name = String(random.pick(RandomText.chinese)) + RandomText.string(&random, maxLength: 20)
                .filter { $0 != "\t" && $0 != " " }
            let text = RandomText.string(&random, maxLength: 200) + "\n" + RandomText.string(&random, maxLength: 100)
            let html = "<p>" + RandomText.string(&random, maxLength: 200) + "</p>\n"
            let message = try MailMessage(
                from: MailAddress(displayName: name, address: "dixian@example.gov.cn"),
                to: [MailAddress(parsing: "a@example.gov.cn")],
                subject: subject,
                date: Date(timeIntervalSince1970: 1_795_395_600),
                timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                messageID: MailMessageID(idempotencyKey: "k\(round)", domain: "example.gov.cn"),
                text: text,
                html: html,
                transferEncoding: random.pick([nil, .quotedPrintable, .base64]),
                boundary: MIMEBoundary.random(using: &random)
            )
            rendered.append(Data(message.render()).base64EncodedString())
            expected.append((subject, name, [text, html]))
        }
        let data = try await Self.runPython(Self.batchScript, input: try JSONSerialization.data(withJSONObject: rendered))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        try #require(results.count == expected.count)
        for (index, (result, want)) in zip(results, expected).enumerated() {
            #expect(result["subject"] as? String == want.subject, "message \(index)")
            // Names over 45 bytes take two encoded-words, and CPython puts a space between them
            // against RFC 2047 §6.2 (python/cpython#128110); the generated names have no spaces.
            let name = result["from_name"] as? String
            let shown = want.name.utf8.count > 45 ? name?.filter { $0 != " " } : name
            #expect(shown == want.name, "message \(index)")
            #expect(result["bodies"] as? [String] == want.bodies, "message \(index)")
            #expect(result["defects"] as? Int == 0, "message \(index)")
        }
    }
}
