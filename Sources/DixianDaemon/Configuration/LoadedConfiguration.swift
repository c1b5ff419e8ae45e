import DixianCore
import DixianPlugins
import Foundation

/// A configuration together with where it came from, as `dixian check` and the startup log report it.
public struct LoadedConfiguration: Sendable, Equatable {
    /// Where a configuration came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// A YAML file, by the path it was given as.
        case file(path: String)
        /// No file: ``Configuration/defaults`` (plus environment overrides).
        case embeddedDefaults

        /// The path, or `内置默认配置 (embedded defaults)`.
        public var description: String {
            switch self {
            case .file(let path): path
            case .embeddedDefaults: "内置默认配置 (embedded defaults)"
            }
        }
    }

    /// The configuration.
    public var configuration: Configuration
    /// Where it came from.
    public var source: Source
    /// Problems that do not stop the daemon, for `dixian check` to show.
    public var warnings: [Diagnostic]

    /// Creates a loaded configuration.
    public init(configuration: Configuration, source: Source, warnings: [Diagnostic] = []) {
        self.configuration = configuration
        self.source = source
        self.warnings = warnings
    }

    /// The name of the default overrides directory beside a configuration file.
    public static let overridesDirectoryName = "plugins.d"

    /// Where the bureau overrides are read from: `plugins.overrides_dir` when set, else `plugins.d/` beside the
    /// configuration file (`/etc/dixian/plugins.d`), else, with the embedded defaults, `config/plugins`
    /// relative to the working directory, as in a source checkout.
    public var overridesDirectory: String {
        if let configured = configuration.plugins.overridesDirectory { return configured }
        switch source {
        case .file(let path):
            return URL(fileURLWithPath: path).deletingLastPathComponent()
                .appendingPathComponent(Self.overridesDirectoryName).standardizedFileURL.path
        case .embeddedDefaults:
            return PluginLoader.defaultOverridesDirectory
        }
    }

    /// A warning when links point at `127.0.0.1` only because `http.listen` (or `--listen`) is a wildcard and
    /// `links.base_url` is unset: the daemon serves other machines, but their browsers could not open the links.
    public var linkBaseURLWarning: Diagnostic? {
        guard !configuration.links.isBaseURLConfigured, configuration.http.listen.isWildcard else { return nil }
        let url = configuration.links.baseURL
        return Diagnostic(
            at: Diagnostic.Location(file: sourceDescription), severity: .warning,
            message: "未设置 links.base_url, 链接指向 \(url), 只有本机能打开 (links.base_url unset: links point to \(url),"
                + " reachable from this machine only)",
            hint: "设置为干部浏览器访问本服务的地址 / set it to the address officials' browsers use")
    }

    /// Where the configuration came from, as text: the path, or `内置默认配置 (embedded defaults)`.
    public var sourceDescription: String {
        source.description
    }

    /// The line `dixian check` prints on success, e.g.
    /// `配置有效 (configuration OK): /etc/dixian/dixian.yaml · 数据库: 内嵌 PostgreSQL (./var/postgres) · 监听 127.0.0.1:8080 · 时区 Asia/Shanghai`.
    /// A database URL is shown without its password.
    public func summary() -> String {
        let database =
            configuration.database.url.map { $0.value.description }
            ?? "内嵌 PostgreSQL (\(configuration.embeddedPostgresDirectory))"
        return [
            "配置有效 (configuration OK): \(source)",
            "数据库: \(database)",
            "监听 \(configuration.http.listen)",
            "时区 \(configuration.timezone)",
        ].joined(separator: " · ")
    }
}
