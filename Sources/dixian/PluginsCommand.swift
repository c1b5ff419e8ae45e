import ArgumentParser
import DixianCore
import DixianPlugins
import Foundation

/// `dixian plugins list | show ID | validate [PATH] | override …`: the sector plugins (行业插件).
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "行业插件：列出、查看、校验 (sector plugins: list, show, validate).",
        discussion: """
            插件目录默认取配置项 plugins.dir，可用 --plugins-dir 指定；行业部门的覆盖配置 <插件id>.yaml
            在配置项 plugins.overrides_dir 所指目录（默认为配置文件旁的 plugins.d/，无配置文件时为
            config/plugins/），可用 --overrides-dir 指定。
            加载是全有或全无的：任一错误都会列出 文件:行:列 并以退出码 1 结束。格式说明见 plugins/README.md。
            """,
        subcommands: [List.self, Show.self, Validate.self, Override.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// Options every `plugins` subcommand shares.
    struct Options: ParsableArguments {
        @OptionGroup var configuration: ConfigurationOptions

        @Option(help: ArgumentHelp("插件目录，覆盖配置项 plugins.dir (plugins directory)", valueName: "DIR"))
        var pluginsDir: String?

        @Option(help: ArgumentHelp("行业部门覆盖配置目录，覆盖配置项 plugins.overrides_dir (bureau overrides directory)", valueName: "DIR"))
        var overridesDir: String?

        @Flag(help: "不读取覆盖配置 (ignore bureau overrides)")
        var noOverrides = false

        @Option(help: "输出格式 table|json (output format)")
        var format: Format = .table

        /// `explicit`, else `--plugins-dir`, else the configuration's `plugins.dir` (only then is the
        /// configuration read, so a broken configuration does not stop validating a given tree).
        func directory(_ explicit: String? = nil) throws -> String {
            if let directory = explicit ?? pluginsDir { return directory }
            return try configuration.load().configuration.plugins.directory
        }

        /// None with `--no-overrides`, else `--overrides-dir`, else the configuration's overrides directory
        /// (`plugins.overrides_dir`, or `plugins.d/` beside the file): only then is the configuration read, so
        /// either flag validates a tree even when the configuration is broken.
        func overridesDirectory() throws -> String? {
            if noOverrides { return nil }
            if let overridesDir { return overridesDir }
            return try configuration.load().overridesDirectory
        }

        func validate(_ directory: String) throws -> PluginValidationResult {
            PluginLoader.validate(
                pluginsDirectory: directory, overridesDirectory: try overridesDirectory(),
                channels: PluginLoader.defaultChannels)
        }

        /// The plugin set with the approved stored overrides (unless a directory is given on the command line or
        /// overrides are off), or the command ends listing every error (exit 1).
        func load(_ stored: StoredOverridesOption) async throws -> PluginSet {
            let storedOverrides = noOverrides || pluginsDir != nil || overridesDir != nil
                ? [] : try await stored.read(configuration.load().configuration) ?? []
            let result = PluginLoader.validate(
                pluginsDirectory: try directory(), overridesDirectory: try overridesDirectory(), storedOverrides: storedOverrides,
                channels: PluginLoader.defaultChannels)
            guard let set = result.set else {
                throw reportPluginErrors(result.diagnostics)
            }
            return set
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出插件及其任务数 (list plugins with their duty counts).")

        @OptionGroup var options: Options
        @OptionGroup var stored: StoredOverridesOption

        func run() async throws {
            let set = try await options.load(stored)
            switch options.format {
            case .json:
                try printJSON(set.plugins.map(PluginSummaryJSON.init))
            case .table:
                printTable(
                    ["插件 id", "名称", "版本", "任务", "启用", "规则", "状态", "牵头单位", "覆盖配置"],
                    set.plugins.map { plugin in
                        [
                            plugin.id, plugin.name, plugin.version, String(plugin.duties.count),
                            String(plugin.enabledDuties.count), String(plugin.rules.count),
                            plugin.isEnabled ? "启用" : "停用", plugin.leadUnits.joined(separator: "、"),
                            plugin.overrideFile ?? plugin.overrideVersion.map { "数据库第 \($0) 版" } ?? "-",
                        ]
                    })
                print(set.summary())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示一个插件：参数、任务、角色、模板 (show one plugin with its effective settings).")

        @OptionGroup var options: Options
        @OptionGroup var stored: StoredOverridesOption

        @Argument(help: ArgumentHelp("插件 id，如 education", valueName: "ID"))
        var id: String

        func run() async throws {
            let set = try await options.load(stored)
            guard let plugin = set.plugin(id: id) else {
                var standardError = StandardError()
                let hint = Diagnostic.suggestionHint(for: id, among: set.plugins.map(\.id), noun: "已加载的插件 / plugins")
                print("没有插件 '\(id)' (no such plugin)" + (hint.map { " (\($0))" } ?? ""), to: &standardError)
                throw ExitCode.failure
            }
            switch options.format {
            case .json: try printJSON(plugin)
            case .table: Self.describe(plugin, roles: set.roles)
            }
        }

        /// The duties whose timing the county sets itself (本地设定), and the county's own documents (依据).
        static func describeLocalSettings(_ plugin: Plugin) {
            let local = plugin.duties.filter { $0.localSetting != nil }
            if !local.isEmpty {
                print("\n本地设定 (timing the seeds leave to the county; change it in the override):")
                for duty in local { print("  \(duty.id): \(duty.localSetting ?? "")") }
            }
            let cited = plugin.duties.filter { $0.basis != nil }
            if !cited.isEmpty {
                print("\n依据（本县文件）(the county's documents cited in messages):")
                for duty in cited { print("  \(duty.id): \(duty.basis?.citation ?? "")") }
            }
        }

        static func describe(_ plugin: Plugin, roles: [Role]) {
            let names = Dictionary(roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            print("插件 \(plugin.id) · \(plugin.name) · 版本 \(plugin.version) · \(plugin.isEnabled ? "启用" : "停用")")
            print("牵头单位: \(plugin.leadUnits.joined(separator: "、"))")
            if !plugin.cooperatingUnits.isEmpty { print("配合单位: \(plugin.cooperatingUnits.joined(separator: "、"))") }
            print("文件: \(plugin.file) (sha256 \(plugin.contentHash))")
            print("覆盖配置: " + (plugin.overrideFile.map { "\($0) (sha256 \(plugin.overrideHash ?? ""))" }
                ?? plugin.overrideVersion.map { "数据库覆盖配置第 \($0) 版 (stored version \($0))" } ?? "无 (none)"))
            print("依据: " + plugin.sources.map { "\($0.file) \($0.title)" }.joined(separator: "\n      "))
            if !plugin.roles.isEmpty {
                print("\n角色 (roles):")
                printTable(
                    ["角色 id", "名称", "层级", "按行业", "每个单位", "取人"],
                    plugin.roles.map {
                        [
                            $0.id, $0.name, $0.level.chineseName, $0.isPerSector ? "是" : "否",
                            $0.isEveryUnit ? "是" : "否",
                            $0.binding == .household ? "按户" : "按单位",
                        ]
                    })
            }
            if !plugin.parameters.isEmpty {
                print("\n参数 (parameters):")
                printTable(
                    ["参数", "类型", "当前值", "缺省", "范围", "标题"],
                    plugin.parameters.map { parameter in
                        let kind = parameter.itemKind ?? parameter.kind
                        let range = [parameter.minimum, parameter.maximum].map { $0?.formatted(as: kind) ?? "" }
                        return [
                            parameter.name, parameter.kind.rawValue,
                            parameter.formattedValue + (parameter.isOverridden ? " (覆盖)" : "") + (parameter.unit ?? ""),
                            parameter.defaultValue.formatted(as: kind),
                            range == ["", ""] ? "-" : range.joined(separator: "–"), parameter.title,
                        ]
                    })
            }
            print("\n任务 (duties):")
            printTable(
                ["任务 id", "标题", "周期", "截止", "责任人", "督办", "渠道", "状态"],
                plugin.duties.map { duty in
                    [
                        duty.id, duty.title, duty.recurrence.description + (duty.localSetting == nil ? "" : " 〔本地设定〕"),
                        duty.dueTime.description,
                        (names[duty.owner.role] ?? duty.owner.role) + (duty.units == .all ? "" : "（仅\(duty.units.chineseName)）"),
                        String(duty.escalation.count) + " 级",
                        duty.channels.joined(separator: ","), duty.isEnabled ? "启用" : "停用",
                    ]
                })
            Self.describeLocalSettings(plugin)
            print("\n模板 (templates): " + plugin.templates.map(\.id).joined(separator: ", "))
            if !plugin.rules.isEmpty {
                print("规则 (rules, 预留): " + plugin.rules.map(\.id).joined(separator: ", "))
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验插件目录，列出全部错误 (validate a plugins directory, listing every error).",
            discussion: "PATH 默认为配置项 plugins.dir。有错误时退出码为 1；警告不影响退出码。")

        @OptionGroup var options: Options

        @Argument(help: ArgumentHelp("插件目录 (plugins directory)", valueName: "PATH"))
        var path: String?

        func run() async throws {
            let directory = try options.directory(path)
            let result = try options.validate(directory)
            switch options.format {
            case .json:
                try printJSON(ValidationJSON(directory: directory, result: result))
                if result.set == nil { throw ExitCode.failure }
            case .table:
                guard let set = result.set else { throw reportPluginErrors(result.diagnostics) }
                var standardError = StandardError()
                for warning in result.warnings { print(warning.description, to: &standardError) }
                print(
                    "插件有效 (plugins OK): \(directory) · " + set.summary() + " · 警告 \(result.warnings.count) 个 (warnings)"
                )
            }
        }
    }
}

/// Prints every diagnostic to standard error, as `dixian check` does, and gives exit code 1.
func reportPluginErrors(_ diagnostics: [Diagnostic]) -> ExitCode {
    var standardError = StandardError()
    for diagnostic in diagnostics {
        print(diagnostic.description, to: &standardError)
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    print("插件无效：\(errors) 个错误 (plugins invalid: \(errors) error(s))", to: &standardError)
    return ExitCode.failure
}

/// One line of `plugins list --format json`.
private struct PluginSummaryJSON: Encodable {
    var id: String, name: String, version: String, enabled: Bool
    var duties: Int, enabled_duties: Int, rules: Int, parameters: Int
    var lead_units: [String], content_hash: String, override_file: String?

    init(_ plugin: Plugin) {
        (id, name, version, enabled) = (plugin.id, plugin.name, plugin.version, plugin.isEnabled)
        (duties, enabled_duties) = (plugin.duties.count, plugin.enabledDuties.count)
        (rules, parameters) = (plugin.rules.count, plugin.parameters.count)
        (lead_units, content_hash, override_file) = (plugin.leadUnits, plugin.contentHash, plugin.overrideFile)
    }
}

/// `plugins validate --format json`.
private struct ValidationJSON: Encodable {
    struct Item: Encodable {
        var file: String, line: Int, column: Int, severity: String, message: String, hint: String?
    }

    var directory: String, valid: Bool, errors: [Item], warnings: [Item], plugins: [PluginSummaryJSON]

    init(directory: String, result: PluginValidationResult) {
        func items(_ diagnostics: [Diagnostic]) -> [Item] {
            diagnostics.map {
                Item(
                    file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue,
                    message: $0.message, hint: $0.hint)
            }
        }
        self.directory = directory
        valid = result.set != nil
        errors = items(result.errors)
        warnings = items(result.warnings)
        plugins = result.set?.plugins.map(PluginSummaryJSON.init) ?? []
    }
}

