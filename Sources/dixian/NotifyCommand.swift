import ArgumentParser
import DixianDaemon
import DixianDispatch
import DixianNotify
import Foundation

/// `dixian notify test`: the first thing an operator runs after configuring a channel.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "通知渠道 (notification channels): 发送测试消息 (send a test message).",
        subcommands: [Test.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "向一个渠道发送一条测试消息,并显示服务器的应答 (send one test message and print the server's replies).",
            discussion: """
                直接发送,不经过发件箱,不需要数据库。邮件渠道 (smtp, maildir) 的 --to 是邮箱地址;
                群机器人渠道 (wecom, dingtalk, feishu, webhook) 的 --to 可省略,或写要 @ 的手机号。
                示例 (examples):
                  dixian notify test --channel email --to zhangsan@example.gov.cn
                  dixian notify test --channel chat --to 13800000000
                退出码: 0 已送达; 1 发送失败(显示原因,临时失败 transient 或永久失败 permanent); 64 参数错误。
                """
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("渠道名, dixian.yaml 中 channels 下的键 (channel name)", valueName: "NAME")) var channel: String
        @Option(help: ArgumentHelp("收件人: 邮箱或手机号 (recipient: email address or mobile number)", valueName: "ADDRESS")) var to: String?

        func run() async throws {
            let configuration = try configurationOptions.load().configuration
            guard let channel = configuration.channels[self.channel] else {
                throw ValidationError(
                    "未定义的渠道 '\(self.channel)' (undefined channel); 已定义 (defined): \(configuration.channels.keys.sorted().joined(separator: ", "))")
            }
            if channel.carriesEmail, !(to?.contains("@") ?? false) {
                throw ValidationError("邮件渠道需要 --to 邮箱地址 (an email channel needs --to ADDRESS)")
            }
            let zone = configuration.zone
            let transport = try ChannelTransports.make(channel, timeZone: zone, stateDirectory: configuration.stateDirectory)
            let notification = Self.testMessage(channel: channel, to: to, office: configuration.office)
            print("发送测试消息 (sending a test message) → \(channel.name) (\(channel.kind.rawValue), \(channel.target))")
            do {
                let receipt = try await transport.deliver(notification)
                await transport.shutdown()
                for line in receipt.transcript { print("  < \(line)") }
                print("已送达 (delivered) · key \(notification.key)")
            } catch let failure as DeliveryFailure {
                await transport.shutdown()
                var standardError = StandardError()
                print("发送失败 (failed, \(failure.kind.rawValue)): \(failure.reason)", to: &standardError)
                throw ExitCode.failure
            }
        }

        static func testMessage(channel: Configuration.Channel, to: String?, office: Configuration.Office) -> DixianNotify.Notification {
            let isEmail = to?.contains("@") ?? false
            let recipient = NotificationRecipient(
                id: "test", name: "测试收件人", email: isEmail ? to : nil, mobile: isEmail ? nil : to)
            let sentence = "这是一条来自“底线”提醒系统的测试消息。收到即说明渠道“\(channel.name)”配置正确。"
            let content = PlainNotice(
                subject: "【测试】底线提醒渠道测试（\(channel.name)）", lines: [sentence],
                chat: "【测试】底线提醒渠道测试：收到即说明渠道“\(channel.name)”配置正确。", office: office.facts
            ).rendered()
            return DixianNotify.Notification(
                key: "test/\(UUID().uuidString.lowercased())", channel: channel.name, createdAt: Date(), recipients: [recipient],
                content: content,
                attributes: ["kind": "test"])
        }
    }
}
