import Crypto
import Foundation

/// Writes each notification as an `.eml` file into a maildir (邮件目录): the embedded default, so the
/// README's run command shows real mail without a mail server.
///
/// Delivery follows the maildir protocol (write into `tmp/`, rename into `new/`), so a reader never
/// sees half a file. The file name derives from the key: delivering the same key twice leaves one
/// file, which makes the maildir an exactly-once receiver for tests and demos.
public struct MaildirTransport: NotificationTransport {
    /// What the files hold: the email rendering, or the chat text (for a `chat` channel on a machine
    /// without a chat bot).
    public enum Content: String, Sendable {
        case email, chat
    }

    public let directory: URL
    public let content: Content
    public let sender: MailAddress
    public let timeZone: TimeZone

    public init(directory: String, content: Content, sender: MailAddress, timeZone: TimeZone) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        self.content = content
        self.sender = sender
        self.timeZone = timeZone
    }

    /// The file a key is delivered to, under `new/`.
    public static func fileName(forKey key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        return "dixian-" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + ".eml"
    }

    public func deliver(_ notification: Notification) async throws -> DeliveryReceipt {
        let message = try self.message(for: notification)
        let name = Self.fileName(forKey: notification.key)
        let manager = FileManager.default
        do {
            for sub in ["tmp", "new", "cur"] {
                try manager.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            let temporary = directory.appendingPathComponent("tmp/\(name).\(UUID().uuidString)")
            let final = directory.appendingPathComponent("new/\(name)")
            try Data(message.render()).write(to: temporary)
            // rename(2) replaces an existing file atomically: a redelivery overwrites, never duplicates.
            guard rename(temporary.path, final.path) == 0 else {
                try? manager.removeItem(at: temporary)
                throw DeliveryFailure(.transient, "邮件目录写入失败 (maildir rename failed): errno \(errno)")
            }
            return DeliveryReceipt(transcript: ["maildir \(final.path)"])
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure(.transient, "邮件目录写入失败 (cannot write maildir \(directory.path)): \(error.localizedDescription)")
        }
    }

    public func shutdown() async {}

    func message(for notification: Notification) throws -> MailMessage {
        switch content {
        case .email:
            return try notification.mailMessage(from: sender, timeZone: timeZone)
        case .chat:
            var chat = notification
            let mentions = notification.recipients.compactMap(\.mobile).map { "@" + $0 }
            let text = notification.content.chat + (mentions.isEmpty ? "" : "\n\n" + mentions.joined(separator: " "))
            let firstLine = notification.content.chat.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            chat.content = RenderedContent(subject: "[群聊 \(notification.channel)] " + firstLine, text: text, chat: notification.content.chat)
            chat.recipients = [NotificationRecipient(
                id: notification.channel, name: "群聊 \(notification.channel)", email: "\(notification.channel)@chat.invalid")]
            return try chat.mailMessage(from: sender, timeZone: timeZone)
        }
    }
}
