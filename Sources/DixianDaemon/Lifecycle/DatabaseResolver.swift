import DixianEmbeddedPostgres
import DixianStore
import Logging

/// Decides which PostgreSQL the daemon and every CLI command use (数据库选择): the configured URL
/// (`database.url`, `database.url_file` or `$DIXIAN_DATABASE_URL`), else the private cluster
/// under the state directory.
public struct DatabaseResolver: Sendable {
    /// The chosen database.
    public enum Choice: Sendable {
        case external(DatabaseEndpoint)
        case embedded(EmbeddedPostgres, DatabaseEndpoint)

        public var isEmbedded: Bool {
            if case .embedded = self { return true }
            return false
        }

        public var endpoint: DatabaseEndpoint {
            switch self {
            case .external(let endpoint), .embedded(_, let endpoint): return endpoint
            }
        }
    }

    public let configuration: Configuration
    public let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func choose() -> Choice {
        let database = self.configuration.database
        if let url = database.url?.value {
            return .external(url.endpoint(password: database.effectivePassword?.value))
        }
        let embedded = self.embeddedCluster()
        let info = embedded.connectionInfo
        let endpoint = DatabaseEndpoint(
            transport: .unixSocket(directory: info.socketDirectory, port: info.port),
            username: info.username, database: info.database, tls: .disable
        )
        return .embedded(embedded, endpoint)
    }

    /// The private cluster under the state directory, as configured (not started).
    public func embeddedCluster() -> EmbeddedPostgres {
        var embedded = EmbeddedPostgres.Configuration(stateDirectory: self.configuration.stateDirectory)
        embedded.runAsUser = self.configuration.database.embedded.runAs
        embedded.binDirectory = self.configuration.database.embedded.binDirectory
        return EmbeddedPostgres(configuration: embedded, logger: self.logger)
    }
}
