#if canImport(Glibc)
import Glibc
#endif
import DixianTestSupport
import Foundation
import Testing

/// Bureau overrides beside the configuration file take effect whatever the working directory is, as under
/// systemd (`WorkingDirectory=/var/lib/dixian`, configuration in `/etc/dixian`).
@Suite("Bureau overrides in plugins.d/ beside the configuration, end to end")
struct OverridesDirectoryTests {
    /// `<work>/etc/dixian.yaml` naming the shipped plugins, `<work>/etc/plugins.d/employment.yaml` disabling
    /// one duty, and `<work>/cwd`, an empty working directory with no `config/plugins` in it.
    struct Layout {
        var etc: String
        var config: String
        var workingDirectory: String

        init(_ prefix: String, configuration: String = "") throws {
            // Standardized as the daemon reports paths (the temporary directory may end in "/").
            let work = URL(fileURLWithPath: try makeWorkDirectory(prefix)).standardizedFileURL.path
            etc = work + "/etc"
            config = etc + "/dixian.yaml"
            workingDirectory = work + "/cwd"
            try FileManager.default.createDirectory(atPath: etc + "/plugins.d", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
            try "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\n\(configuration)"
                .write(toFile: config, atomically: true, encoding: .utf8)
            try "format_version: 1\nduties:\n  skills_training_ledger:\n    enabled: false\n"
                .write(toFile: etc + "/plugins.d/employment.yaml", atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String]) async throws -> CommandResult {
            try await CommandResult.run(arguments + ["--config", config], workingDirectory: workingDirectory)
        }
    }

    /// The status column of the duty's row in `dixian plugins show employment`.
    static func ledgerRow(_ output: String) -> Substring? {
        output.split(separator: "\n").first { $0.contains("skills_training_ledger") }
    }

    @Test("dixian check and plugins show, run elsewhere, read plugins.d/ beside --config and apply it")
    func overrideTakesEffect() async throws {
        let layout = try Layout("overrides")
        let check = try await layout.run(["check"])
        #expect(check.status == 0, "\(check.errorOutput)")
        #expect(check.output.contains("覆盖配置目录 \(layout.etc)/plugins.d: 1 个文件 (overrides directory"), "\(check.output)")

        let shown = try await layout.run(["plugins", "show", "employment"])
        #expect(shown.status == 0, "\(shown.errorOutput)")
        #expect(shown.output.contains("覆盖配置: \(layout.etc)/plugins.d/employment.yaml"), "\(shown.output)")
        #expect(Self.ledgerRow(shown.output)?.contains("停用") == true, "\(shown.output)")
        let plain = try await layout.run(["plugins", "show", "employment", "--no-overrides"])
        #expect(Self.ledgerRow(plain.output)?.contains("启用") == true, "\(plain.output)")
    }

    @Test("the daemon, started elsewhere, logs the overrides directory and applies it")
    func daemonLogsOverrides() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let layout = try Layout("overrides-serve", configuration: "schedule:\n  enabled: false\nnotify:\n  enabled: false\n")
            let daemon = try DaemonProcess(
                ["serve", "--config", layout.config, "--state-dir", layout.workingDirectory + "/var", "--listen", "127.0.0.1:0"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description], logPath: layout.etc + "/daemon.log",
                workingDirectory: layout.workingDirectory)
            defer { daemon.kill() }
            _ = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            #expect(daemon.log.contains("覆盖配置目录 \(layout.etc)/plugins.d: 1 个文件"), "log:\n\(daemon.log)")
            daemon.send(SIGTERM)
            let daemonExit = await daemon.waitForExit(timeout: .seconds(60))
            #expect(daemonExit == 0, "exit status \(daemonExit.map(String.init) ?? "none: still running"); log:\n\(daemon.excerpt)")
        }
    }

    @Test("a missing default plugins.d/ means no overrides, and check says so")
    func missingDefaultDirectory() async throws {
        let layout = try Layout("overrides-missing")
        try FileManager.default.removeItem(atPath: layout.etc + "/plugins.d")
        let check = try await layout.run(["check"])
        #expect(check.status == 0, "\(check.errorOutput)")
        #expect(check.output.contains("覆盖配置目录 \(layout.etc)/plugins.d 不存在"), "\(check.output)")
    }

    @Test("an explicit overrides_dir that is missing is an error naming the key and the resolved path")
    func missingExplicitDirectory() async throws {
        let layout = try Layout("overrides-explicit", configuration: "  overrides_dir: bureaus\n")
        let check = try await layout.run(["check"])
        #expect(check.status == 1)
        #expect(check.errorOutput.contains("\(layout.config):3:18"), "\(check.errorOutput)")
        #expect(check.errorOutput.contains("plugins.overrides_dir"), "\(check.errorOutput)")
        #expect(check.errorOutput.contains("'\(layout.etc)/bureaus'"), "\(check.errorOutput)")
    }
}
