import ArgumentParser
import DixianDaemon
import DixianLinks
import DixianStore
import DixianWeb
import Foundation
import Logging

extension DutyCommand {
    /// `dixian duty ical --official ID`: an official's deadlines as an iCalendar file, and their feed link.
    struct ICal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ical",
            abstract: "导出干部的任务日历 (.ics),或打印其日历订阅链接 (an official's duty calendar, or its feed link).",
            discussion: """
                日历中每期任务是一个事件(截止时间),提醒时间设为闹钟;可导入 Outlook、手机日历、钉钉/企业微信日历等。
                --link 打印订阅链接 <links.base_url>/ical/<令牌>.ics(有效期一年,泄露后轮换 links.secret_file)。
                示例: dixian duty ical --official 0101001 > 任务.ics
                      dixian duty ical --official 0101001 --link
                """
        )

        @OptionGroup var options: ConfigurationOptions
        @Option(help: ArgumentHelp("干部工号 (official id)", valueName: "ID")) var official: String
        @Flag(help: "打印订阅链接而不是日历内容 (print the subscription link)") var link = false

        func run() async throws {
            let running = try self.options.loadRunning()
            let logger = Logger(label: "dixian.duty")
            let (official, link) = (self.official, self.link)
            let output = try await DatabaseSession.withClient(configuration: running.configuration, logger: logger) { client, _ in
                let schedule = ScheduleStore(client: client, logger: logger)
                guard try await DirectoryStore(client: client, logger: logger).official(id: official) != nil else {
                    throw StoreError(.unknownOfficial, "组织目录中没有干部 \(official) (unknown official)")
                }
                if link {
                    return try await ActionLinks.make(running.configuration.links, store: schedule).calendarURL(officialID: official, now: Date())
                }
                return try await LinkRoutes.feed(for: official, schedule: schedule, settings: running.webSettings, now: Date())
            }
            // An iCalendar feed goes out byte for byte (CRLF line ends, RFC 5545 escaping of its own).
            Swift.print(output, terminator: link ? "\n" : "")
        }
    }
}
