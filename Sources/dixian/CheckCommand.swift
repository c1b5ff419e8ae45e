import ArgumentParser
import DixianDaemon

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查配置与插件,列出全部错误 (validate everything the daemon would load).",
        discussion: """
            像 icinga2 daemon -C 一样:读取配置、其引用的密钥文件、插件 (plugins.dir) 与行业部门覆盖 (plugins.overrides_dir,
            默认为配置文件旁的 plugins.d/),逐条列出错误 (file:line:column),有错误时退出码为 1;
            无错误时打印所读的覆盖配置目录及其文件数、所读的数据库覆盖配置版本,再打印一行摘要。
            配置了数据库服务器 (database.url 或 DIXIAN_DATABASE_URL) 时,已审批的数据库覆盖配置与文件一并校验
            (只读, 不迁移; 服务器不可达时提示后只校验文件); --stored-overrides yes 也读内置数据库, no 不读。
            --credentials-dir DIR: 配置中 /run/credentials/<单元>/<名称> 形式的密钥文件改从 DIR/<名称> 读取,
            以便在 systemd 首次启动服务之前检查 (例: dixian check --config /etc/dixian/dixian.yaml
            --credentials-dir /etc/dixian/credentials)。
            With --credentials-dir DIR, secret files named /run/credentials/<unit>/<name> (which exist only while
            the service runs) are read from DIR/<name>, where systemd's LoadCredential= takes them from.
            """
    )

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var stored: StoredOverridesOption

    @Option(help: ArgumentHelp("插件目录,覆盖 plugins.dir (plugins directory)", valueName: "DIR"))
    var pluginsDir: String?

    @Option(
        help: ArgumentHelp(
            "密钥文件目录: /run/credentials/<单元>/<名称> 改从 DIR/<名称> 读取 (read /run/credentials/<unit>/<name> from DIR/<name>)",
            valueName: "DIR"))
    var credentialsDir: String?

    func run() async throws {
        // The files first, so that their errors read as they always have; then again with the stored versions.
        var loaded = try self.options.loadRunning(pluginsDirectory: self.pluginsDir, credentialsDirectory: self.credentialsDir)
        let stored = try await self.stored.read(loaded.configuration)
        if let stored, !stored.isEmpty {
            loaded = try self.options.loadRunning(
                pluginsDirectory: self.pluginsDir, credentialsDirectory: self.credentialsDir, storedOverrides: stored)
        }
        var standardError = StandardError()
        for warning in loaded.warnings {
            print(warning.description, to: &standardError)
        }
        print(loaded.overrides.description)
        print(StoredOverridesOption.summary(loaded.plugins, read: stored != nil))
        print(loaded.summary())
    }
}
