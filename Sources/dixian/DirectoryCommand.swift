import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDatasets
import DixianPlugins
import DixianDirectory
import DixianStore
import Foundation
import Logging

/// `dixian directory import | list | show | check | demo`: the org directory (组织架构/联系人).
struct DirectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "组织目录:单位与干部的导入、查询 (org directory: import and query units and officials).",
        discussion: """
            两种 CSV 文件(UTF-8 含/不含 BOM、UTF-16,或 Excel 另存的 GB18030/GBK 均可;第 1 行为表头):
              单位文件 (units):   单位代码, 名称[, 层级, 城乡分类代码, 脱贫村]
                单位代码为 12 位统计用区划代码;层级可省略(由代码推出),填写时须一致:省/市/县/乡镇/村。
                下级单位的上级必须在同一文件或已在目录中(最顶层单位除外)。
                城乡分类代码:111/112/121/122/123 为城镇,210/220 为乡村,空为乡村;脱贫村填 是/否,空为否。
              干部文件 (officials): 工号, 姓名, 角色, 单位代码[, 行业部门, 行业, 邮箱, 手机, 企业微信, 钉钉, 飞书, 在岗]
                角色为插件声明的角色 id 或中文名,多个用 ; 或 、 分隔;角色须设在其层级的单位上。
                按行业区分的角色(bureau_head、bureau_contact、town_working_group)须填 行业(插件 id,如 education)。
                手机为 1 开头的 11 位数字;在岗填 是/否,空为是。单位须先导入。
            表头也接受英文:code,name,level,urban_rural_code,poverty_exited / id,name,roles,org_code,bureau,sector,email,mobile,wecom,dingtalk,feishu,active。
            可忽略的列:序号、备注(干部文件另有 单位名称、职务)。
            任一行有错时不导入任何数据,逐行报告行号与列名;--skip-invalid 只导入正确的行。重复导入同一文件不做修改。
            示例与演示县: config/demo/(README.md 说明格式)。
            """,
        subcommands: [Import.self, List.self, Show.self, Check.self, Demo.self]
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case units, officials
        var fileKind: DirectoryFileKind { self == .units ? .units : .officials }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入单位或干部 CSV (import a units or officials CSV file).",
            discussion: "导入前自动执行数据库迁移。退出码: 0 成功; 1 有错误行(未导入)或文件无效。"
        )
        @OptionGroup var options: ConfigurationOptions
        @Argument(help: ArgumentHelp("CSV 文件", valueName: "FILE")) var file: String
        @Option(help: "文件类型 units|officials;默认按表头判断 (工号/姓名 → officials)") var kind: Kind?
        @Flag(help: "跳过错误行,只导入正确的行 (import the valid rows only)") var skipInvalid = false
        @Flag(help: "只检查,不写入 (check against the database, write nothing)") var dryRun = false

        func run() async throws {
            let loaded = try self.options.load()
            let logger = Logger(label: "dixian.directory")
            guard let data = FileManager.default.contents(atPath: self.file) else {
                throw DirectoryCommandError("无法读取文件 (cannot read file): \(self.file)")
            }
            let roles = try roleCatalogue(configuration: loaded)
            let importOptions = DirectoryImportOptions(skipInvalid: self.skipInvalid, dryRun: self.dryRun)
            let kind = self.kind?.fileKind
            let report = try await DatabaseSession.withClient(configuration: loaded.configuration, logger: logger) { client, _ in
                try await Migrator().migrate(client: client, logger: logger)
                return try await DirectoryStore(client: client, logger: logger)
                    .importFile(Array(data), kind: kind, roles: roles, options: importOptions)
            }
            var standardError = StandardError()
            let severity = report.refusal == nil ? "warning" : "error"
            for issue in report.plan.fileIssues + report.plan.issues {
                let diagnostic = issue.diagnostic(file: self.file)
                print("\(self.file):\(diagnostic.line):\(diagnostic.column): \(severity): \(diagnostic.message)", to: &standardError)
            }
            let encoding = report.plan.encoding.map { " · 编码 \($0.rawValue)" } ?? ""
            print(report.summary + encoding)
            if report.refusal != nil { throw ExitCode.failure }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出干部或单位 (list officials, or units with --units).")
        @OptionGroup var options: ConfigurationOptions
        @Option(help: ArgumentHelp("只列此单位及其下级 (org subtree): 12 位代码或前缀 14/1497/149721/149721101", valueName: "CODE"))
        var org: String?
        @Option(help: ArgumentHelp("只列持有此角色的干部 (role id)", valueName: "ROLE")) var role: String?
        @Flag(help: "列出单位而不是干部 (list org units)") var units = false
        @Option(help: "输出格式 table|json") var format: Format = .table

        func run() async throws {
            let loaded = try self.options.load()
            let logger = Logger(label: "dixian.directory")
            let root = try self.org.map(parseOrg)
            let (role, listUnits) = (self.role, self.units)
            let names = (try? roleCatalogue(configuration: loaded)).map(roleNames) ?? [:]
            let (units, officials) = try await DatabaseSession.withClient(configuration: loaded.configuration, logger: logger) { client, _ in
                let store = DirectoryStore(client: client, logger: logger)
                let units = try await store.units(under: root)
                return (units, listUnits ? [] : try await store.officials(under: root, role: role))
            }
            let unitNames = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.name) })
            switch (self.format, listUnits) {
            case (.json, true): try printJSON(units.map(UnitJSON.init))
            case (.json, false): try printJSON(officials.map { OfficialJSON($0, unitName: unitNames[$0.orgUnitCode]) })
            case (.table, true):
                printTable(
                    ["代码", "层级", "名称", "上级", "城乡分类"],
                    units.map {
                        [$0.code.rawValue, $0.level.chineseName, $0.name, $0.parentCode?.rawValue ?? "-", $0.level == .village ? $0.classificationText : "-"]
                    })
                print("共 \(units.count) 个单位")
            case (.table, false):
                printTable(
                    ["工号", "姓名", "角色", "单位代码", "单位", "行业", "手机", "邮箱"],
                    officials.map {
                        [$0.id, $0.name, $0.roles.map { names[$0] ?? $0 }.joined(separator: "、"), $0.orgUnitCode.rawValue,
                         unitNames[$0.orgUnitCode] ?? "", $0.sector ?? "", $0.mobile ?? "", $0.email ?? ""]
                    }
                )
                print("共 \(officials.count) 名干部")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "显示一个单位(代码)或一名干部(工号) (show a unit or an official).")
        @OptionGroup var options: ConfigurationOptions
        @Argument(help: ArgumentHelp("12 位单位代码或工号", valueName: "CODE-or-ID")) var key: String

        func run() async throws {
            let loaded = try self.options.load()
            let logger = Logger(label: "dixian.directory")
            let key = self.key
            let names = (try? roleCatalogue(configuration: loaded)).map(roleNames) ?? [:]
            let lines = try await DatabaseSession.withClient(configuration: loaded.configuration, logger: logger) { client, _ in
                let store = DirectoryStore(client: client, logger: logger)
                if let code = DivisionCode(prefix: key), let unit = try await store.unit(code) {
                    let subtree = try await store.units(under: code)
                    let chain = try await code.ancestors.reversed().asyncCompactMap { try await store.unit($0)?.name }
                    let here = try await store.officials(under: code).filter { $0.orgUnitCode == code }
                    return [
                        "单位 \(unit.name) (\(unit.code)) · \(unit.level.chineseName)级"
                            + (unit.level == .village ? " · 城乡分类 \(unit.classificationText)" : ""),
                        "上级: " + (chain.isEmpty ? "-" : chain.joined(separator: " > ")),
                        "下级单位: \(subtree.filter { $0.parentCode == code }.count) 个 · 辖区内单位共 \(subtree.count - 1) 个",
                        "本单位干部 \(here.count) 名:",
                    ] + here.map { "  \($0.id) \($0.name) · \($0.roles.map { names[$0] ?? $0 }.joined(separator: "、"))" }
                }
                guard let official = try await store.official(id: key) else {
                    throw DirectoryCommandError("找不到单位或干部 (no unit or official): \(key)")
                }
                let unit = try await store.unit(official.orgUnitCode)
                let chat = [("企业微信", official.chatIDs.wecom), ("钉钉", official.chatIDs.dingtalk), ("飞书", official.chatIDs.feishu)]
                    .compactMap { label, id in id.map { "\(label) \($0)" } }
                return [
                    "干部 \(official.name) (\(official.id))\(official.active ? "" : " · 离岗")",
                    "单位: \(unit?.name ?? "?") (\(official.orgUnitCode))",
                    "角色: " + official.roles.map { id in names[id].map { "\($0) (\(id))" } ?? id }.joined(separator: "、"),
                    "行业部门: \(official.bureau ?? "-") · 行业: \(official.sector ?? "-")",
                    "邮箱: \(official.email ?? "-") · 手机: \(official.mobile ?? "-")",
                    "聊天账号: " + (chat.isEmpty ? "-" : chat.joined(separator: " · ")),
                ]
            }
            lines.forEach { print($0) }
        }
    }

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重新生成演示县 CSV (regenerate the demo county files).",
            discussion: """
                岚川县(虚构)。按插件声明的角色生成,结果确定;默认写入 config/demo:
                组织目录(org_units.csv、officials.csv),人口台账(register/households.csv、register/persons.csv,
                约 1 万户 3 万人),以及每个插件每个数据集的演示数据(data/<插件>.<数据集>.csv)。
                日期和年龄均以 2026-07-01 为基准。
                """
        )
        @OptionGroup var options: ConfigurationOptions
        @Option(help: ArgumentHelp("输出目录", valueName: "DIR")) var output = "config/demo"

        func run() async throws {
            let plugins = try loadPluginSet(configuration: try self.options.load())
            let county = DemoCounty.generate(roles: plugins.roleCatalogue)
            let data = DemoData.generate(units: county.units)
            var files = [
                (path: DemoCounty.unitsFileName, content: county.unitsCSV()),
                (path: DemoCounty.officialsFileName, content: county.officialsCSV()),
            ]
            files += try data.files(plugins: plugins.plugins)
            for file in files {
                let url = URL(fileURLWithPath: self.output + "/" + file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.content.utf8).write(to: url)
            }
            print(
                "已生成演示县: \(county.units.count) 个单位、\(county.officials.count) 名干部、"
                    + "\(data.register.households.count) 户 \(data.register.persons.count) 人、"
                    + "\(data.sectorTables.count) 个数据集 → \(self.output)")
        }
    }
}

/// The roles and sectors the plugins under `plugins.dir` (with their overrides) declare; invalid plugins
/// end the command with every error listed, as `dixian plugins validate` does.
func roleCatalogue(configuration: LoadedConfiguration) throws -> RoleCatalogue {
    try loadPluginSet(configuration: configuration).roleCatalogue
}

/// The plugins under `plugins.dir` with their overrides; invalid plugins end the command with every error listed.
func loadPluginSet(configuration: LoadedConfiguration) throws -> PluginSet {
    do {
        return try configuration.loadPlugins()
    } catch {
        throw reportPluginErrors(error.diagnostics)
    }
}

/// A failure of a directory command, printed as `Error: …` without the usage text.
struct DirectoryCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private func roleNames(_ catalogue: RoleCatalogue) -> [String: String] {
    catalogue.roles.compactMapValues(\.name)
}

private func parseOrg(_ text: String) throws -> DivisionCode {
    guard let code = DivisionCode(prefix: text) else {
        throw ValidationError("单位代码无效 (invalid org code): \(text);应为 12 位代码或 2/4/6/9 位前缀")
    }
    return code
}

private struct UnitJSON: Encodable {
    var code: String, level: String, name: String, parent_code: String?
    var urban_rural_code: String?, rural: Bool, poverty_exited: Bool
    init(_ unit: OrgUnit) {
        (self.code, self.level, self.name, self.parent_code) = (unit.code.rawValue, unit.level.rawValue, unit.name, unit.parentCode?.rawValue)
        (self.urban_rural_code, self.rural, self.poverty_exited) = (unit.urbanRural?.rawValue, unit.isRural, unit.isPovertyExited)
    }
}

extension OrgUnit {
    /// `220 村庄 · 脱贫村`, `121 镇中心区`, `未填(按乡村)`: what the planner reads for a village-level unit.
    fileprivate var classificationText: String {
        let code = urbanRural?.description ?? "未填(按乡村)"
        return isPovertyExited ? code + " · 脱贫村" : code
    }
}

private struct OfficialJSON: Encodable {
    var id: String, name: String, roles: [String], org_unit_code: String, org_unit_name: String?
    var bureau: String?, sector: String?, email: String?, mobile: String?, chat_ids: ChatIDs, active: Bool
    init(_ o: Official, unitName: String?) {
        (self.id, self.name, self.roles, self.org_unit_code, self.org_unit_name) = (o.id, o.name, o.roles, o.orgUnitCode.rawValue, unitName)
        (self.bureau, self.sector, self.email, self.mobile, self.chat_ids, self.active) = (o.bureau, o.sector, o.email, o.mobile, o.chatIDs, o.active)
    }
}

extension Sequence {
    fileprivate func asyncCompactMap<T>(_ transform: (Element) async throws -> T?) async rethrows -> [T] {
        var result: [T] = []
        for element in self {
            if let value = try await transform(element) { result.append(value) }
        }
        return result
    }
}
