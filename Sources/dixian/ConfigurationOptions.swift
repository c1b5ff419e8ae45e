import ArgumentParser
import DixianDaemon
import DixianPlugins
import Foundation

/// Options every command that reads the configuration shares.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("配置文件路径 (configuration file); 默认 $DIXIAN_CONFIG,再默认内置配置", valueName: "PATH"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("状态目录,覆盖 state_dir (state directory; embedded PostgreSQL lives here)", valueName: "DIR"))
    var stateDir: String?

    /// Loads the configuration, or ends the command with every error listed (exit 1).
    func load() throws -> LoadedConfiguration {
        do {
            let loaded = try self.daemonOptions().loadConfiguration()
            Self.announceDefaults(loaded)
            return loaded
        } catch {
            throw reportConfigurationError(error, exitCode: 1)
        }
    }

    /// Loads the configuration and the plugins it names, or ends the command listing every error.
    func loadRunning(
        pluginsDirectory: String? = nil, credentialsDirectory: String? = nil, storedOverrides: [StoredOverride] = []
    ) throws -> RunningConfiguration {
        do {
            var options = self.daemonOptions(pluginsDirectory: pluginsDirectory)
            options.credentialsDirectory = credentialsDirectory
            let running = try options.loadRunningConfiguration(storedOverrides: storedOverrides)
            Self.announceDefaults(running.loaded)
            return running
        } catch {
            throw reportConfigurationError(error, exitCode: 1)
        }
    }

    func daemonOptions(listen: String? = nil, logFormat: String? = nil, pluginsDirectory: String? = nil) -> DaemonOptions {
        DaemonOptions(
            configPath: self.config,
            overrides: ConfigurationOverrides(
                stateDirectory: self.stateDir, listen: listen, logFormat: logFormat, pluginsDirectory: pluginsDirectory
            ),
            environment: ProcessInfo.processInfo.environment
        )
    }

    /// Without `--config` and `$DIXIAN_CONFIG` a command quietly works on the embedded defaults, whose state
    /// directory is `./var` of the working directory: on a server that is not the service's database. One line
    /// on stderr says so, and which state directory is used.
    static func announceDefaults(_ loaded: LoadedConfiguration) {
        guard loaded.source == .embeddedDefaults, announcement.first() else { return }
        var standardError = StandardError()
        let state = loaded.configuration.stateDirectory
        print(
            "注意: 未指定 --config 或 DIXIAN_CONFIG, 使用内置默认配置, 状态目录 \(state)"
                + " (note: no --config or $DIXIAN_CONFIG: embedded defaults, state directory \(state))",
            to: &standardError)
    }
}

/// True the first time only: a command that loads its configuration twice announces the defaults once.
private let announcement = FirstTime()

/// A flag that is true on its first reading only, safe across threads.
final class FirstTime: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    /// True once, false afterwards.
    func first() -> Bool {
        lock.withLock {
            defer { taken = true }
            return !taken
        }
    }
}

/// Prints configuration errors one per line, as `dixian check` does, and gives the exit code.
func reportConfigurationError(_ error: ConfigurationError, exitCode: Int32) -> ExitCode {
    var standardError = StandardError()
    for diagnostic in error.diagnostics {
        print(diagnostic.description, to: &standardError)
    }
    print("配置无效:\(error.diagnostics.count) 个错误 (configuration invalid: \(error.diagnostics.count) error(s))", to: &standardError)
    return ExitCode(exitCode)
}

/// `print(..., to: &standardError)`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
