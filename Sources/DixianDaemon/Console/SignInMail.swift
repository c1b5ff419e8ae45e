import DixianDirectory
import DixianDispatch
import DixianNotify
import DixianStore
import DixianWeb
import Foundation

/// The email that carries a console sign-in link (工作台登录链接): plain text, to the official's own address, on an
/// email channel (`email` if one is so named, else the first by name). No chat channel ever carries a link.
enum SignInMail {
    static func compose(official: Official, link: String, configuration: Configuration) throws -> ConsoleStore.SignInMail? {
        let channels = configuration.channels.values.filter(\.carriesEmail).map(\.name).sorted()
        guard official.email != nil, let channel = channels.contains("email") ? "email" : channels.first else { return nil }
        let text = """
            \(official.name)同志：

            您（或他人使用您的邮箱）申请登录底线工作台。请在 15 分钟内点击下面的链接登录，链接只能使用一次：
            \(link)

            如果不是您本人申请，请忽略本邮件，您的账户不会有任何变化。
            """
        let content = RenderedContent(subject: "【底线工作台】登录链接", text: text, chat: "工作台登录链接只通过邮件发送。")
        return ConsoleStore.SignInMail(
            recipientID: official.id, channel: channel, payload: try PreparedNotice(content: content, attachments: []).payload())
    }

    /// What the console's routes read of the running configuration.
    static func settings(_ running: RunningConfiguration) -> ConsoleRoutes.Settings {
        let base = running.configuration.links.baseURL
        return ConsoleRoutes.Settings(
            plugins: running.plugins, timeZone: running.configuration.zone, secure: base.lowercased().hasPrefix("https://"), baseURL: base)
    }
}
