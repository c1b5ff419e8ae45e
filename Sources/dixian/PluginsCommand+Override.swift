import ArgumentParser
import DixianCore
import DixianDaemon
import DixianPlugins
import DixianStore
import Foundation

extension PluginsCommand {
    /// `dixian plugins override show|history|diff|set|approve|reject`: a bureau's override of its plugin kept in
    /// PostgreSQL (数据库覆盖配置), versioned and approved by the county office.
    struct Override: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "行业部门覆盖配置（存于数据库）：查看、历史、比较、提交、审批 (stored bureau overrides).",
            discussion: """
                覆盖配置与 plugins.d/<插件id>.yaml 文件格式相同，存于 PostgreSQL，每次提交为一个新版本（待审批）；
                县乡村振兴局审批通过后生效，各实例在数秒内重新加载；提交人不能审批自己的版本。提交和审批前都按
                加载插件的同一套检查校验，错误给出文本内的 行:列，不做任何修改。同一插件有覆盖配置文件时以文件为准
                （由服务器管理），数据库中的版本不生效，也不能提交。

                示例 (examples):
                  dixian plugins override set education 教育覆盖.yaml --by LC00012
                  dixian plugins override history education
                  dixian plugins override diff education 1 2
                  dixian plugins override approve education 2 --by LC00005 --comment 同意
                  dixian plugins override show education

                退出码: 0 成功; 1 被拒绝（校验错误、无权操作、状态不符、数据库错误，均未做任何修改）; 64 参数错误。
                """,
            subcommands: [Show.self, History.self, Diff.self, SetVersion.self, Approve.self, Reject.self])

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "显示一个版本，缺省为生效的版本 (show a version, the live one by default).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("插件 id", valueName: "ID")) var id: String
            @Argument(help: ArgumentHelp("版本号 (version)", valueName: "VERSION")) var version: Int?
            @Option(help: "输出格式 table|json (output format)") var format: Format = .table

            func run() async throws {
                let (id, version) = (id, version)
                let found = try await OverrideCLI.withStore(configurationOptions) { store, _ in
                    if let version { return try await store.version(pluginID: id, version: version) }
                    let history = try await store.history(pluginID: id)
                    return history.first { $0.state == .approved } ?? history.first
                }
                guard let found else { throw OverrideCLI.refuse("\(id) 没有这个覆盖配置版本 (no such stored override)") }
                if format == .json { return try printJSON(found) }
                print("\(found.pluginID) 第 \(found.version) 版 · \(found.state.title) · \(found.createdBy) 提交于 \(found.createdAt)")
                if let decidedBy = found.decidedBy { print("审批 (decided): \(decidedBy) \(found.comment ?? "")") }
                print("", found.body, separator: "\n", terminator: found.body.hasSuffix("\n") ? "" : "\n")
            }
        }

        struct History: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出全部版本，新的在前 (every version, newest first).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("插件 id", valueName: "ID")) var id: String
            @Option(help: "输出格式 table|json (output format)") var format: Format = .table

            func run() async throws {
                let id = id
                let history = try await OverrideCLI.withStore(configurationOptions) { store, _ in try await store.history(pluginID: id) }
                if format == .json { return try printJSON(history) }
                guard !history.isEmpty else { return print("\(id) 没有存于数据库的覆盖配置 (no stored override)") }
                printTable(
                    ["版本 VERSION", "状态 STATE", "提交人 BY", "提交时间 AT", "审批人 DECIDED BY", "意见 COMMENT"],
                    history.map { ["\($0.version)", $0.state.title, $0.createdBy, "\($0.createdAt)", $0.decidedBy ?? "-", $0.comment ?? "-"] })
            }
        }

        struct Diff: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "比较两个版本，逐行 (compare two versions, line by line).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("插件 id", valueName: "ID")) var id: String
            @Argument(help: ArgumentHelp("旧版本 (old version)", valueName: "V1")) var old: Int
            @Argument(help: ArgumentHelp("新版本 (new version)", valueName: "V2")) var new: Int

            func run() async throws {
                let (id, old, new) = (id, old, new)
                let (a, b) = try await OverrideCLI.withStore(configurationOptions) { store, _ in
                    (try await store.version(pluginID: id, version: old), try await store.version(pluginID: id, version: new))
                }
                guard let a, let b else { throw OverrideCLI.refuse("\(id) 没有第 \(a == nil ? old : new) 版 (no such version)") }
                print("--- \(id) v\(old)\n+++ \(id) v\(new)")
                for line in LineDiff.lines(from: a.body, to: b.body) { print(TerminalText.escaped(line.description, keepingNewlines: false)) }
            }
        }
    }
}

/// How the `plugins override` commands reach the store and check a text the way the loader does.
enum OverrideCLI {
    static func withStore<R: Sendable>(
        _ options: ConfigurationOptions, _ body: @escaping @Sendable (PluginOverrideStore, DeskSession.Parts) async throws -> R
    ) async throws -> R {
        try await DeskSession.run(options, label: "dixian.plugins") { parts in
            try await body(PluginOverrideStore(client: parts.client, logger: parts.logger), parts)
        }
    }

    /// The message on stderr and exit 1.
    static func refuse(_ message: String) -> ExitCode {
        var standardError = StandardError()
        print("错误 (error): \(message)", to: &standardError)
        return ExitCode.failure
    }
}
