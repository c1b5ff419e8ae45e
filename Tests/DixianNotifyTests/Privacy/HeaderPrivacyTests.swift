import DixianCore
import DixianNotify
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resident ID numbers never leave in a header or a file name, and maildir files are private to their owner.
@Suite("Privacy of headers and maildir files")
struct HeaderPrivacyTests {
    static let idNumber = "11010119900307123X"
    static let masked = "1101**********123X"

    /// A notification to an official whose directory name carries an ID number, about a household whose
    /// head's ID number is in the subject.
    static func notification(key: String = "reminder/110101199003071234/LC1") -> DixianNotify.Notification {
        DixianNotify.Notification(
            key: key, channel: "email", createdAt: Date(timeIntervalSince1970: 1_795_395_600),
            recipients: [NotificationRecipient(id: "LC1", name: "张三 \(idNumber)", email: "zhangsan@example.gov.cn")],
            content: RenderedContent(
                subject: "【提醒】户主 110101199003071234 的监测信息", text: "正文\n", chat: "正文"))
    }

    static let sender = try! MailAddress(displayName: "县乡村振兴局 \(idNumber)", address: "dixian@example.gov.cn")

    @Test("an ID number in a recipient's or sender's display name and in the subject is masked in every header")
    func headersMasked() throws {
        let message = try Self.notification().mailMessage(from: Self.sender, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let parsed = ParsedMessage(message.render())
        let to = try #require(parsed.header("To").flatMap(MIMEDecoders.headerValue))
        let from = try #require(parsed.header("From").flatMap(MIMEDecoders.headerValue))
        let subject = try #require(parsed.header("Subject").flatMap(MIMEDecoders.headerValue))
        #expect(to == "张三 \(Self.masked) <zhangsan@example.gov.cn>")
        #expect(from == "县乡村振兴局 \(Self.masked) <dixian@example.gov.cn>")
        #expect(subject == "【提醒】户主 1101**********1234 的监测信息")
        let headerText = parsed.headers.map { $0.name + ":" + (MIMEDecoders.headerValue($0.folded) ?? $0.folded) }.joined(separator: "\n")
        #expect(!headerText.contains("19900307"))
        #expect(!headerText.contains("0101199003"))
    }

    @Test("an extra header's value has its ID numbers masked")
    func extraHeaderMasked() throws {
        let message = try MailMessage(
            from: Self.sender, to: [MailAddress(address: "a@example.gov.cn")], subject: "s",
            date: Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "UTC")!,
            messageID: MailMessageID(idempotencyKey: "k", domain: "example.gov.cn"), text: "t",
            extraHeaders: [MailHeader(name: "X-Dixian-Channel", value: "chan-110101199003071234")])
        let parsed = ParsedMessage(message.render())
        #expect(parsed.header("X-Dixian-Channel").flatMap(MIMEDecoders.headerValue) == "chan-1101**********1234")
    }

    /// A fresh folder under the temporary directory.
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dixian-maildir-\(UUID().uuidString)", isDirectory: true)
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("maildir files are 0600 and its folders 0700, not what the umask gives; file names carry no ID number")
    func maildirPrivate() async throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let maildir = root.appendingPathComponent("county/mail")
        // The test process's umask (022 under the test command) would give 0644 files and 0755 folders; it is
        // not changed here, since umask is process-wide and other suites create files at the same time.
        let transport = MaildirTransport(
            directory: maildir.path, content: .email, sender: Self.sender, timeZone: TimeZone(identifier: "UTC")!)
        _ = try await transport.deliver(Self.notification())
        _ = try await transport.deliver(Self.notification(key: "notice/dead/110101199003071234/x/email"))
        for folder in ["", "tmp", "new", "cur"] {
            #expect(try Self.mode(maildir.appendingPathComponent(folder).path) == 0o700, "\(folder)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        #expect(names.count == 2)
        for name in names {
            #expect(try Self.mode(maildir.appendingPathComponent("new/\(name)").path) == 0o600, "\(name)")
            #expect(!name.contains("1990"), "\(name)")
            #expect(name.hasPrefix("dixian-") && name.hasSuffix(".eml"))
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path).isEmpty)
        // The file's own headers are masked too.
        let text = try String(contentsOf: maildir.appendingPathComponent("new/\(names[0])"), encoding: .utf8)
        #expect(!text.contains(Self.idNumber))
    }

    @Test("a redelivery replaces the file and keeps it 0600")
    func maildirRedelivery() async throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let transport = MaildirTransport(
            directory: root.path, content: .chat, sender: Self.sender, timeZone: TimeZone(identifier: "UTC")!)
        _ = try await transport.deliver(Self.notification())
        _ = try await transport.deliver(Self.notification())
        let new = root.appendingPathComponent("new")
        let names = try FileManager.default.contentsOfDirectory(atPath: new.path)
        #expect(names == [MaildirTransport.fileName(forKey: Self.notification().key)])
        #expect(try Self.mode(new.appendingPathComponent(names[0]).path) == 0o600)
    }
}
