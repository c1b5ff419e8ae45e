import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each notification as an `.eml` file into a maildir (邮件目录): the embedded default, so the
/// README's run command shows real mail without a mail server.
///
/// Delivery follows the maildir protocol (write into `tmp/`, rename into `new/`), so a reader never
/// sees half a file. The file name derives from the key: delivering the same key twice leaves one
/// file, which makes the maildir an exactly-once receiver for tests and demos.
///
/// The files hold signed links and personal data: they are written 0600 and the folders this transport
/// creates 0700, whatever the process's umask. File names are a digest of the key, so no name, official id
/// or resident ID number ever shows in a directory listing.
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

    /// The mode of every file written (owner read and write).
    public static let fileMode: mode_t = 0o600
    /// The mode of every folder created (owner only).
    public static let folderMode: mode_t = 0o700

    /// The file a key is delivered to, under `new/`: a digest, never the key itself.
    public static func fileName(forKey key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        return "dixian-" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + ".eml"
    }

    public func deliver(_ notification: Notification) async throws -> DeliveryReceipt {
        let message = try self.message(for: notification)
        let name = Self.fileName(forKey: notification.key)
        let manager = FileManager.default
        do {
            try Self.makeFolder(directory.path, manager: manager)
            for sub in ["tmp", "new", "cur"] {
                try Self.makeFolder(directory.appendingPathComponent(sub).path, manager: manager)
            }
            let temporary = directory.appendingPathComponent("tmp/\(name).\(UUID().uuidString)")
            let final = directory.appendingPathComponent("new/\(name)")
            try Self.writeOwnerOnly(message.render(), to: temporary.path)
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

    /// Creates `path` (and missing parents) with ``folderMode``; a folder that exists is left as it is.
    static func makeFolder(_ path: String, manager: FileManager) throws {
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !manager.fileExists(atPath: parent) {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        guard mkdir(path, folderMode) == 0 || errno == EEXIST else {
            throw DeliveryFailure(.transient, "邮件目录无法创建 (cannot create maildir folder \(path)): errno \(errno)")
        }
        // mkdir(2) applies the umask; chmod(2) does not.
        guard chmod(path, folderMode) == 0 else {
            throw DeliveryFailure(.transient, "邮件目录权限无法设置 (cannot chmod maildir folder \(path)): errno \(errno)")
        }
    }

    /// Writes `bytes` to a new file at `path` with ``fileMode``, whatever the umask.
    static func writeOwnerOnly(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            throw DeliveryFailure(.transient, "邮件文件无法创建 (cannot create maildir file \(path)): errno \(errno)")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, fileMode) == 0 else {
            throw DeliveryFailure(.transient, "邮件文件权限无法设置 (cannot chmod maildir file \(path)): errno \(errno)")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                try? FileManager.default.removeItem(atPath: path)
                throw DeliveryFailure(.transient, "邮件文件写入失败 (cannot write maildir file \(path)): errno \(errno)")
            }
            offset += written
        }
    }

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
