import ArgumentParser
import DixianDaemon

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查配置与插件,列出全部错误 (validate everything the daemon would load).",
        discussion: """
            像 icinga2 daemon -C 一样:读取配置、其引用的密钥文件、插件 (plugins.dir) 与行业部门覆盖 (plugins.overrides_dir,
            默认为配置文件旁的 plugins.d/),逐条列出错误 (file:line:column),有错误时退出码为 1;
            无错误时打印所读的覆盖配置目录及其文件数,再打印一行摘要。不连接数据库。
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: ArgumentHelp("插件目录,覆盖 plugins.dir (plugins directory)", valueName: "DIR"))
    var pluginsDir: String?

    func run() async throws {
        let loaded = try self.options.loadRunning(pluginsDirectory: self.pluginsDir)
        var standardError = StandardError()
        for warning in loaded.warnings {
            print(warning.description, to: &standardError)
        }
        print(loaded.overrides.description)
        print(loaded.summary())
    }
}
