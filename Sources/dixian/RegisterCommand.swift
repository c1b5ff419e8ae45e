import ArgumentParser
import DixianDaemon
import Foundation
import Logging

/// `dixian register import`: the population register from the national monitoring system's export.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "人口台账：导入脱贫人口和监测对象的家庭与成员信息 (the population register).",
        discussion: """
            从全国防止返贫监测信息系统导出的家庭信息表和家庭成员信息表（CSV 或 XLSX），列见 README“人口台账”一节。
            按户编号、公民身份号码更新或新增（不删除）。校验：身份证号校验位、出生日期与身份证号一致、村区划代码在组织目录中、
            监测户须填写三类群体、成员的户编号存在。两个文件一起导入时，任一文件有问题则都不导入（除非 --skip-invalid）。

            示例 (examples):
              dixian register import --households 家庭信息.xlsx --persons 家庭成员.xlsx
              dixian register import --persons 家庭成员.csv --dry-run

            退出码: 0 已导入（或试运行无问题）; 1 文件有问题未导入或数据库错误; 64 参数错误。
            """,
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入家庭信息表和/或家庭成员信息表 (import households and/or persons).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("家庭信息表 (households file), CSV 或 XLSX", valueName: "FILE")) var households: String?
        @Option(help: ArgumentHelp("家庭成员信息表 (persons file), CSV 或 XLSX", valueName: "FILE")) var persons: String?
        @Option(help: ArgumentHelp("XLSX 的工作表名 (sheet), 默认第一个", valueName: "NAME")) var sheet: String?
        @Flag(help: "只校验，不写入 (validate only, write nothing)") var dryRun = false
        @Flag(help: "跳过有问题的行，导入其余的行 (import the valid rows, skip the others)") var skipInvalid = false
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard households != nil || persons != nil else {
                throw ValidationError("请至少指定 --households 或 --persons 之一 (name a households or a persons file)")
            }
        }

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let households = try self.households.map(DataCommand.read)
            let persons = try self.persons.map(DataCommand.read)
            let options = DatasetImporter.Options(
                dryRun: dryRun, skipInvalid: skipInvalid, sheet: sheet, actor: DutyCommand.operatorActor(), channel: "cli")
            let now = try configurationOptions.clock.now()
            let reports = try await ScreenCommand.withStore(running) { client in
                try await DatasetImporter(client: client, logger: Logger(label: "dixian.register")).importRegister(
                    households: households, persons: persons, running: running, options: options, now: now)
            }
            try DataCommand.present(reports, format: format, dryRun: dryRun)
        }
    }
}
