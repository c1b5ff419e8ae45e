import ArgumentParser
import DixianConsole
import DixianDaemon
import DixianDirectory
import DixianStore
import DixianWeb
import Foundation
import Logging

/// `dixian console link OFFICIAL_ID`: a sign-in link for the web console, printed for the operator's first sign-in.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "网页工作台 (the web console).",
        discussion: """
            工作台在 HTTP 服务的 /console 下 (served under /console by dixian serve)。干部输入登记的邮箱,收到一次性登录链接。
            首次使用、或干部没有邮箱时,运维人员可以用 console link 直接生成链接,交给本人。

            示例 (example):
              dixian console link LC0005      为县乡村振兴局的干部 LC0005 生成登录链接

            退出码: 0 成功; 1 干部不存在或已停用、数据库错误,此时不做任何修改; 64 参数错误。
            """,
        subcommands: [Link.self]
    )

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成一次性登录链接,打印到标准输出 (print a single-use sign-in link).",
            discussion: """
                链接 15 分钟内有效,只能使用一次,以 links.base_url 开头。同一邮箱登记的各条干部记录一并登录
                (a person's rows sharing the official's email sign in together)。生成记入审计日志 (audited)。
                """)
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("干部编号 (official id), 例如 LC0005", valueName: "OFFICIAL_ID")) var officialID: String

        func run() async throws {
            let officialID = self.officialID
            let policy = SessionPolicy.standard
            let link = try await DeskSession.run(configurationOptions, label: "dixian.console") { parts in
                let store = ConsoleStore(client: parts.client, logger: parts.logger)
                guard let official = try await store.officials(ids: [officialID]).first, official.active else {
                    throw StoreError(ConsoleStore.unknownOfficial, "没有在岗的干部 \(officialID) (no active official with that id)")
                }
                var rows: [Official] = []
                if let email = official.email { rows = try await store.officials(email: email) }
                let ids = rows.contains { $0.id == official.id } ? rows.map(\.id) : [official.id]
                let token = try await store.issueSignInLink(
                    officialIDs: ids, at: parts.clock.now(), lifetime: policy.signInLinkLifetime, actor: DutyCommand.operatorActor(),
                    channel: "cli")
                return ConsoleRoutes.signInLink(base: parts.running.configuration.links.baseURL, token: token)
            }
            print(link)
            var standardError = StandardError()
            print("登录链接 15 分钟内有效, 只能使用一次 (valid 15 minutes, single use)", to: &standardError)
        }
    }
}
