import ArgumentParser
import DixianCore
import DixianDaemon
import DixianPlugins
import DixianStore
import Foundation

extension PluginsCommand.Override {
    struct SetVersion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "提交新版本（待审批），先按加载插件的检查校验 (submit a new version, pending approval; checked first).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("插件 id", valueName: "ID")) var id: String
        @Argument(help: ArgumentHelp("覆盖配置 YAML 文件 (the override, as an override file holds it)", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("提交人：本行业部门联络人、负责人或县乡村振兴局干部的工号 (official id)", valueName: "OFFICIAL")) var by: String

        func run() async throws {
            let bytes = try OperatorFile.read(file)
            guard bytes.count <= OverrideCLI.maximumBytes else {
                throw OverrideCLI.refuse("覆盖配置超过 \(OverrideCLI.maximumBytes / 1024) KiB (override too large)")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw OverrideCLI.refuse("文件不是 UTF-8 文本 (not UTF-8)") }
            let (id, by, options) = (id, by, configurationOptions)
            let created = try await OverrideCLI.withStore(options) { store, parts in
                let next = try await store.nextVersion(pluginID: id)
                let hash = try await OverrideCLI.check(id, text: text, version: next, store: store, options: options, running: parts.running)
                return try await store.propose(
                    pluginID: id, body: text, pluginHash: hash, entry: OverrideEntry(actor: by, channel: "cli", at: parts.clock.now()))
            }
            print("已提交 \(created.pluginID) 第 \(created.version) 版，待县乡村振兴局审批 (submitted, pending approval)")
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "县乡村振兴局审批通过一个待审批版本，各实例随即重新加载 (approve a pending version; every replica reloads).")
        @OptionGroup var decision: Decision

        func run() async throws {
            let decided = try await decision.decide(approve: true)
            print("已审批通过 \(decided.pluginID) 第 \(decided.version) 版，各实例将在数秒内重新加载 (approved; every replica reloads)")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "县乡村振兴局驳回一个待审批版本 (reject a pending version).")
        @OptionGroup var decision: Decision

        func run() async throws {
            let decided = try await decision.decide(approve: false)
            print("已驳回 \(decided.pluginID) 第 \(decided.version) 版 (rejected)")
        }
    }

    /// What approving and rejecting share.
    struct Decision: ParsableArguments {
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("插件 id", valueName: "ID")) var id: String
        @Argument(help: ArgumentHelp("版本号 (version)", valueName: "VERSION")) var version: Int
        @Option(help: ArgumentHelp("审批人：县乡村振兴局干部的工号，不能是提交人 (official id)", valueName: "OFFICIAL")) var by: String
        @Option(help: ArgumentHelp("审批意见，一行 (comment, one line)", valueName: "TEXT")) var comment: String?

        func validate() throws {
            if let comment, comment.contains(where: \.isNewline) || comment.count > 500 {
                throw ValidationError("--comment 须为一行，最多 500 字 (one line, at most 500 characters)")
            }
        }

        /// Decides; an approval is checked again first, against the plugins as they are now.
        func decide(approve: Bool) async throws -> OverrideVersion {
            let (id, version, by, comment, options) = (id, version, by, comment, configurationOptions)
            return try await OverrideCLI.withStore(options) { store, parts in
                if approve, let found = try await store.version(pluginID: id, version: version), found.state == .pending {
                    _ = try await OverrideCLI.check(id, text: found.body, version: version, store: store, options: options, running: parts.running)
                }
                return try await store.decide(
                    pluginID: id, version: version, approve: approve, comment: comment?.trimmingCharacters(in: .whitespaces),
                    entry: OverrideEntry(actor: by, channel: "cli", at: parts.clock.now()))
            }
        }
    }
}

extension OverrideCLI {
    /// The largest override text taken: the shipped plugins' overrides are a few KiB.
    static let maximumBytes = 256 * 1024

    /// Loads the configuration and plugins exactly as the daemon does, with `text` as the plugin's stored override
    /// beside the other plugins' approved versions. Every error is printed with its line and column inside the
    /// text, and the command ends with exit 1, having stored nothing. Returns the plugin's content hash.
    static func check(
        _ pluginID: String, text: String, version: Int, store: PluginOverrideStore, options: ConfigurationOptions,
        running: RunningConfiguration
    ) async throws -> String {
        guard let plugin = running.plugins.plugin(id: pluginID) else {
            let hint = Diagnostic.suggestionHint(for: pluginID, among: running.plugins.plugins.map(\.id), noun: "已加载的插件 / plugins")
            throw refuse("没有插件 '\(pluginID)' (no such plugin)" + (hint.map { " (\($0))" } ?? ""))
        }
        if let file = plugin.overrideFile {
            throw refuse("\(pluginID) 由服务器上的覆盖配置文件 \(file) 管理，数据库中的版本不会生效 (managed on the server by an override file)")
        }
        let others = try await store.approvedOverrides().filter { $0.pluginID != pluginID }
        do {
            _ = try options.daemonOptions().loadRunningConfiguration(
                storedOverrides: others + [StoredOverride(pluginID: pluginID, version: version, text: text)])
        } catch {
            throw reportConfigurationError(error, exitCode: 1)
        }
        return plugin.contentHash
    }
}
