import DixianCore

extension Configuration {
    /// PostgreSQL settings (key `database`).
    ///
    /// Without a URL the daemon runs its own PostgreSQL cluster under `<state_dir>/postgres`.
    public struct Database: Sendable, Equatable {
        /// An external server (keys `url` or `url_file`; `$DIXIAN_DATABASE_URL` overrides both).
        /// Nil means the embedded server.
        public var url: Secret<DatabaseURL>?
        /// Password (key `password_file`; `$DIXIAN_DATABASE_PASSWORD` overrides it). It takes precedence
        /// over a password inside the URL, because a credential file is the deliberate way to pass one.
        public var password: Secret<String>?
        /// Size of the connection pool (key `max_connections`), 1...200, default 10.
        public var maxConnections: Int
        /// How long to wait for a connection to be established (key `connect_timeout`), default 10s.
        public var connectTimeout: Duration
        /// The embedded server (key `embedded`); used only when ``url`` is nil.
        public var embedded: Embedded

        /// Creates database settings.
        public init(
            url: Secret<DatabaseURL>? = nil,
            password: Secret<String>? = nil,
            maxConnections: Int = 10,
            connectTimeout: Duration = .seconds(10),
            embedded: Embedded = Embedded()
        ) {
            self.url = url
            self.password = password
            self.maxConnections = maxConnections
            self.connectTimeout = connectTimeout
            self.embedded = embedded
        }

        /// Whether the daemon runs its own PostgreSQL rather than connecting to ``url``.
        public var usesEmbeddedServer: Bool {
            url == nil
        }

        /// The password to connect with: ``password`` if set, else the one in the URL.
        public var effectivePassword: Secret<String>? {
            password ?? url?.value.password.map(Secret.init)
        }

        /// Allowed values of `max_connections`.
        public static let maxConnectionsRange = 1...200
        /// Allowed values of `connect_timeout`.
        public static let connectTimeoutRange: ClosedRange<Duration> = .seconds(1) ... .seconds(600)
    }
}

extension Configuration.Database {
    /// The embedded PostgreSQL server (key `embedded`).
    public struct Embedded: Sendable, Equatable {
        /// The system user that owns and runs the cluster when dixian runs as root (key `run_as`),
        /// default `postgres`; PostgreSQL refuses to run as root. Ignored when dixian is not root.
        public var runAs: String
        /// Directory with `initdb` and `postgres` (key `bin_dir`); nil means search the usual places.
        public var binDirectory: String?

        /// Creates embedded-server settings.
        public init(runAs: String = "postgres", binDirectory: String? = nil) {
            self.runAs = runAs
            self.binDirectory = binDirectory
        }
    }
}
