import DixianCore
import Foundation

/// Values given on the command line that beat the configuration file (`--state-dir`,
/// `--listen`, `--log-format`, `--plugins-dir`).
public struct ConfigurationOverrides: Sendable, Equatable {
    public var stateDirectory: String?
    public var listen: String?
    public var logFormat: String?
    public var pluginsDirectory: String?

    public init(
        stateDirectory: String? = nil, listen: String? = nil, logFormat: String? = nil, pluginsDirectory: String? = nil
    ) {
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.logFormat = logFormat
        self.pluginsDirectory = pluginsDirectory
    }

    /// Applies the overrides; a bad value is a diagnostic naming the flag.
    func apply(to configuration: inout Configuration) throws(ConfigurationError) {
        var diagnostics: [Diagnostic] = []
        if let stateDirectory = self.stateDirectory {
            configuration.stateDirectory = stateDirectory
        }
        if let pluginsDirectory = self.pluginsDirectory {
            configuration.plugins.directory = pluginsDirectory
        }
        if let listen = self.listen {
            do {
                configuration.http.listen = try Configuration.ListenAddress(parsing: listen)
                configuration.followListenAddressInLinks()
            } catch {
                diagnostics.append(Self.flagError("--listen", error.message, hint: error.hint))
            }
        }
        if let logFormat = self.logFormat {
            if let format = Configuration.Log.Format(rawValue: logFormat) {
                configuration.log.format = format
            } else {
                let allowed = Configuration.Log.Format.allCases.map(\.rawValue).joined(separator: " | ")
                diagnostics.append(Self.flagError("--log-format", "未知的日志格式 '\(logFormat)' (unknown log format)", hint: allowed))
            }
        }
        guard diagnostics.isEmpty else { throw ConfigurationError(diagnostics: diagnostics) }
    }

    private static func flagError(_ flag: String, _ message: String, hint: String?) -> Diagnostic {
        Diagnostic(file: flag, line: 1, column: 1, message: message, hint: hint)
    }
}

/// How the daemon and the CLI find their configuration: a path (`--config`, else
/// `$DIXIAN_CONFIG`, else the embedded defaults), command-line overrides, the environment.
public struct DaemonOptions: Sendable {
    public var configPath: String?
    public var overrides: ConfigurationOverrides
    public var environment: [String: String]
    /// `dixian check --credentials-dir DIR`: secret files named `/run/credentials/<unit>/<name>` are read from
    /// `DIR/<name>`, so a configuration can be checked before systemd first starts the service.
    public var credentialsDirectory: String?
    /// Where "now" comes from: the system clock, or a virtual one for demos and tests (`serve --clock-start`).
    public var clock: any WallClock

    public init(
        configPath: String? = nil,
        overrides: ConfigurationOverrides = .init(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemWallClock(),
        credentialsDirectory: String? = nil
    ) {
        self.credentialsDirectory = credentialsDirectory
        self.configPath = configPath
        self.overrides = overrides
        self.environment = environment
        self.clock = clock
    }

    /// Where the configuration comes from, for logs.
    public var configurationSource: String {
        self.configPath ?? self.environment["DIXIAN_CONFIG"] ?? "内置默认配置 (embedded defaults)"
    }

    /// Loads and validates the configuration, then applies the overrides. Used at start-up, by
    /// every reload and by `dixian check`, so all three accept and reject exactly the same input.
    public func loadConfiguration() throws(ConfigurationError) -> LoadedConfiguration {
        var loaded = try ConfigurationLoader.load(
            path: self.configPath, environment: self.environment, credentialsDirectory: self.credentialsDirectory)
        try self.overrides.apply(to: &loaded.configuration)
        if let warning = loaded.linkBaseURLWarning {
            loaded.warnings.append(warning)
        }
        return loaded
    }
}
