import ArgumentParser
import DixianDaemon
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
            return try self.daemonOptions().loadConfiguration()
        } catch {
            throw reportConfigurationError(error, exitCode: 1)
        }
    }

    /// Loads the configuration and the plugins it names, or ends the command listing every error.
    func loadRunning(pluginsDirectory: String? = nil) throws -> RunningConfiguration {
        do {
            return try self.daemonOptions(pluginsDirectory: pluginsDirectory).loadRunningConfiguration()
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
