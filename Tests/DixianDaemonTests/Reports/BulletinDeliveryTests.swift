import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The weekly bulletin (每周通报) as the leader issues it: on its weekday, through the outbox, to a real SMTP server
/// with STARTTLS and AUTH, read back by Python's email package and openpyxl.
@Suite("The weekly bulletin goes out by email with its workbook, and as a chat summary", .serialized)
struct BulletinDeliveryTests {
    /// Every bulletin email among the server's messages: subject, recipients, body types, the attachment's file
    /// name, type and bytes (base64), as Python's email package decodes them.
    static let script = """
        import sys, json, base64, email, email.policy
        out = []
        for raw in json.load(sys.stdin):
            m = email.message_from_bytes(base64.b64decode(raw), policy=email.policy.default)
            if not str(m["subject"]).startswith("【每周通报】"):
                continue
            files = [{"filename": p.get_filename(), "type": p.get_content_type(),
                      "data": base64.b64encode(p.get_payload(decode=True)).decode()} for p in m.iter_attachments()]
            out.append({"subject": str(m["subject"]), "to": m["to"].addresses[0].addr_spec, "type": m.get_content_type(),
                        "html": m.get_body(preferencelist=("html",)).get_content(), "files": files,
                        "defects": sum(len(p.defects) for p in m.walk())})
        print(json.dumps(out))
        """

    struct Mail: Decodable {
        struct File: Decodable {
            var filename: String
            var type: String
            var data: String
        }

        var subject: String
        var to: String
        var type: String
        var html: String
        var files: [File]
        var defects: Int
    }

    @Test("on Tuesday 4 August 2026 the leader issues week 31's bulletin once: emails with the XLSX attached, one chat summary")
    func bulletinByEmail() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("bulletin")
            let server = try await SMTPTestServer.start()
            defer { server.stop() }
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            let config = try fixture.writeConfig(channels: try fixture.smtpAndChatChannels(server), planner: true)
            try await fixture.prepare(configPath: config)
            let daemon = try DaemonProcess(
                ["serve", "--config", config, "--state-dir", work + "/var", "--clock-start", "2026-08-04T10:00:00+08:00"],
                logPath: work + "/d.log")
            defer { daemon.kill() }
            // The bulletin follows the demo county's first planning tick, which took over two minutes on a loaded CI machine.
            let sent = await poll(timeout: .seconds(600)) {
                guard let rows = try? await Self.bulletinRows(endpoint), !rows.isEmpty else { return false }
                return rows.values.allSatisfy { $0 == "sent" }
            }
            let rows = try await Self.bulletinRows(endpoint)
            #expect(sent, "\(rows)\n\(daemon.log)")
            #expect(rows["notice/bulletin/2026-W31/group/chat"] == "sent", "one chat summary for the group")
            let emailKeys = rows.keys.filter { $0.hasSuffix("/email") }
            #expect(!emailKeys.isEmpty, "the leading group's officials are mailed")

            let raw = try server.messages().map { $0.raw.base64EncodedString() }
            let output = try await PythonInterpreter.run(Self.script, input: try JSONEncoder().encode(raw))
            let mails = try JSONDecoder().decode([Mail].self, from: output)
            #expect(mails.count == emailKeys.count, "one email per official, nothing twice")
            let mail = try #require(mails.first)
            #expect(mail.subject == "【每周通报】岚川县巩固衔接工作每周通报（2026年第31周（7月27日—8月2日））")
            #expect(mail.type == "multipart/mixed" && mail.defects == 0)
            #expect(mail.html.contains("<h2>较上周</h2>"), "the HTML body holds the tables")
            let file = try #require(mail.files.first)
            #expect(file.filename == "岚川县巩固衔接工作每周通报（2026年第31周（7月27日—8月2日））.xlsx", "the Chinese file name decodes")
            #expect(file.type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let workbook = try await TabularOracle.inspect(Array(try #require(Data(base64Encoded: file.data))))
            #expect(workbook.sheets.map(\.name) == ["逾期排名", "时限逾期", "较上周"], "openpyxl opens the attachment")

            let issued = try await TestDatabase.withClient(endpoint) { client in
                var weeks: [String] = []
                for try await week in try await client.query("SELECT week FROM bulletin_issues").decode(String.self) { weeks.append(week) }
                return weeks
            }
            #expect(issued == ["2026-W31"], "issued once")
            let again = try await TestDatabase.withClient(endpoint) { client in
                try await BulletinStore(client: client, logger: TestDatabase.logger).issue(
                    week: "2026-W31", messages: [.init(recipientID: nil, roleID: nil, channel: "chat", payload: "{}")], at: Date())
            }
            #expect(!again, "a second leader finds the week issued and queues nothing")
            #expect(try await Self.bulletinRows(endpoint).count == rows.count)
        }
    }

    /// Status by key of the bulletin's outbox rows.
    static func bulletinRows(_ endpoint: DatabaseEndpoint) async throws -> [String: String] {
        try await TestDatabase.withClient(endpoint) { client in
            var rows: [String: String] = [:]
            for try await (key, status) in try await client.query("SELECT key, status FROM outbox WHERE step = 'bulletin'")
                .decode((String, String).self)
            {
                rows[key] = status
            }
            return rows
        }
    }
}
