import DixianCore
import DixianYAML
import Foundation

/// Loads the daemon's configuration: the YAML file, then secret files, then environment overrides.
///
/// Loading is all-or-nothing and reports every problem at once, each at its file, line and column.
/// The file is found from `--config`, else `$DIXIAN_CONFIG`; with neither, the embedded defaults apply,
/// so `dixian serve` works out of the box on a developer's machine.
///
/// A relative path written in the file (`state_dir`, `plugins.dir`, `plugins.overrides_dir`,
/// `schedule.holidays_dir`, `database.embedded.bin_dir`, every `*_file`) is relative to the file's
/// directory, never to the working directory: systemd starts the daemon in `/var/lib/dixian`. Keys left
/// out keep their defaults, which, like the embedded defaults and command-line flags, are relative to the
/// working directory; the one exception is `plugins.overrides_dir` (``LoadedConfiguration/overridesDirectory``).
/// A maildir's relative `dir` stays relative to `state_dir`.
///
/// Environment variables (an empty value counts as unset):
/// - `DIXIAN_CONFIG`: the configuration file.
/// - `DIXIAN_DATABASE_URL`: overrides `database.url` and `database.url_file`.
/// - `DIXIAN_DATABASE_PASSWORD`: overrides `database.password_file`.
public struct ConfigurationLoader: Sendable {
    /// The environment variable naming the configuration file.
    public static let configPathVariable = "DIXIAN_CONFIG"
    /// The environment variable that overrides the database URL.
    public static let databaseURLVariable = Configuration.Database.urlVariable
    /// The environment variable that overrides the database password.
    public static let databasePasswordVariable = Configuration.Database.passwordVariable

    /// Loads the configuration.
    ///
    /// - Parameters:
    ///   - path: The file given on the command line; nil falls back to `$DIXIAN_CONFIG`, then to
    ///     ``Configuration/defaults``.
    ///   - environment: The process environment (pass `ProcessInfo.processInfo.environment`).
    ///   - credentialsDirectory: `dixian check --credentials-dir`: read secret files named
    ///     `/run/credentials/<unit>/<name>` from `<credentialsDirectory>/<name>` (nil: as written).
    /// - Throws: ``ConfigurationError`` with every problem found; an unreadable file is one at `path:1:1`.
    public static func load(
        path: String?,
        environment: [String: String],
        credentialsDirectory: String? = nil
    ) throws(ConfigurationError) -> LoadedConfiguration {
        guard let path = path ?? environment[configPathVariable].flatMap({ $0.isEmpty ? nil : $0 }) else {
            let source = LoadedConfiguration.Source.embeddedDefaults
            let (configuration, warnings) = try read(environment: environment, credentialsDirectory: credentialsDirectory) {
                YAMLDocument(parsing: "", file: source.description, diagnostics: $0)
            }
            return LoadedConfiguration(configuration: configuration, source: source, warnings: warnings)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(diagnostics: [
                Diagnostic(
                    file: path,
                    line: 1,
                    column: 1,
                    message: "无法读取配置文件 (cannot read configuration file): "
                        + ConfigurationReadingContext.reason(path)
                ),
            ])
        }
        let baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        let (configuration, warnings) = try read(
            environment: environment, baseDirectory: baseDirectory, credentialsDirectory: credentialsDirectory
        ) {
            YAMLDocument(parsing: data, file: path, diagnostics: $0)
        }
        return LoadedConfiguration(configuration: configuration, source: .file(path: path), warnings: warnings)
    }

    /// Parses configuration text, for tests and for validating a file before a reload.
    ///
    /// - Parameters:
    ///   - text: The YAML source; empty means all defaults.
    ///   - file: The name to use in diagnostics.
    ///   - environment: Overrides, as for ``load(path:environment:)``.
    public static func parse(
        _ text: String,
        file: String,
        environment: [String: String] = [:]
    ) throws(ConfigurationError) -> Configuration {
        try read(environment: environment) {
            YAMLDocument(parsing: text, file: file, diagnostics: $0)
        }.configuration
    }

    private static func read(
        environment: [String: String],
        baseDirectory: String? = nil,
        credentialsDirectory: String? = nil,
        parse: (DiagnosticCollector) -> YAMLDocument?
    ) throws(ConfigurationError) -> (configuration: Configuration, warnings: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let context = ConfigurationReadingContext(
            environment: environment, diagnostics: diagnostics, baseDirectory: baseDirectory,
            credentialsDirectory: credentialsDirectory)
        let configuration = parse(diagnostics)?.readMapping { Configuration(reading: &$0, context: context) }
        guard let configuration, !diagnostics.hasErrors else {
            throw ConfigurationError(diagnostics: diagnostics.diagnostics)
        }
        return (configuration, diagnostics.list.warnings)
    }
}
