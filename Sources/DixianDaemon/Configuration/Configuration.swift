/// The daemon's configuration: `dixian.yaml` after defaults, secret files and environment overrides.
///
/// Every key and its default is documented in `config/dixian.yaml`, which a test keeps identical to
/// ``defaults``. Load it with ``ConfigurationLoader``; `dixian check` prints ``LoadedConfiguration/summary()``.
public struct Configuration: Sendable, Equatable {
    /// IANA time zone in which schedules are evaluated (key `timezone`).
    public var timezone: String
    /// Directory for state that lives outside PostgreSQL, such as the embedded cluster (key `state_dir`).
    public var stateDirectory: String
    /// Logging (key `log`).
    public var log: Log
    /// The HTTP API, health and metrics endpoint (key `http`).
    public var http: HTTP
    /// PostgreSQL, external or embedded (key `database`).
    public var database: Database
    /// Sector plugins (key `plugins`).
    public var plugins: Plugins
    /// The scheduler (key `schedule`).
    public var schedule: Schedule
    /// The duty API (key `api`).
    public var api: API
    /// Signed links and calendar feeds (key `links`).
    public var links: Links
    /// The sending office, named in every message (key `office`).
    public var office: Office
    /// The dispatcher: digests, retries, dead letters (key `notify`).
    public var notify: Notify
    /// How long old rows stay (key `retention`).
    public var retention: Retention
    /// Notification channels by name (key `channels`); always has `email` and `chat`.
    public var channels: [String: Channel]

    /// Creates a configuration; every parameter defaults to the embedded default.
    public init(
        timezone: String = "Asia/Shanghai",
        stateDirectory: String = "./var",
        log: Log = Log(),
        http: HTTP = HTTP(),
        database: Database = Database(),
        plugins: Plugins = Plugins(),
        schedule: Schedule = Schedule(),
        api: API = API(),
        links: Links = Links(),
        office: Office = Office(),
        notify: Notify = Notify(),
        retention: Retention = Retention(),
        channels: [String: Channel] = Configuration.defaultChannels
    ) {
        self.timezone = timezone
        self.stateDirectory = stateDirectory
        self.log = log
        self.http = http
        self.database = database
        self.plugins = plugins
        self.schedule = schedule
        self.api = api
        self.links = links
        self.office = office
        self.notify = notify
        self.retention = retention
        self.channels = channels
    }

    /// The embedded defaults: what runs when no configuration file is given.
    public static let defaults = Configuration()

    /// Where the embedded PostgreSQL cluster lives when ``Database/url`` is not set: `<state_dir>/postgres`.
    public var embeddedPostgresDirectory: String {
        stateDirectory.hasSuffix("/") ? stateDirectory + "postgres" : stateDirectory + "/postgres"
    }
}

extension Configuration {
    /// Logging settings (key `log`).
    public struct Log: Sendable, Equatable {
        /// Output format (key `format`).
        public enum Format: String, Sendable, CaseIterable {
            /// `key=value` pairs, easy to read in `journalctl` and to grep.
            case logfmt
            /// One JSON object per line, for log shippers.
            case json
        }

        /// Minimum level (key `level`). Raw values match swift-log's `Logger.Level`.
        public enum Level: String, Sendable, CaseIterable {
            case trace, debug, info, notice, warning, error, critical
        }

        /// Output format, default `logfmt`.
        public var format: Format
        /// Minimum level, default `info`.
        public var level: Level

        /// Creates logging settings.
        public init(format: Format = .logfmt, level: Level = .info) {
            self.format = format
            self.level = level
        }
    }

    /// HTTP settings (key `http`).
    public struct HTTP: Sendable, Equatable {
        /// Address to listen on (key `listen`), default `127.0.0.1:8080`: only this machine, until an
        /// operator decides to expose the API.
        public var listen: ListenAddress
        /// How long a client may take to send a request's head (key `header_timeout`), default 10s.
        public var headerTimeout: Duration
        /// How long a client may take to send a request's body after its head (key `body_timeout`), default 30s.
        public var bodyTimeout: Duration
        /// How long a kept-alive connection may stay idle between requests (key `idle_timeout`), default 60s.
        public var idleTimeout: Duration
        /// Connections served at once (key `max_connections`), default 512; more wait in the listen backlog.
        public var maxConnections: Int
        /// How long a request waits for the database before it answers 503 (key `database_timeout`), default 4s:
        /// within the 5 s in which an unreachable database must be told. A slow database server may need longer.
        public var databaseTimeout: Duration = .seconds(4)

        /// Creates HTTP settings.
        public init(
            listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), headerTimeout: Duration = .seconds(10),
            bodyTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60), maxConnections: Int = 512
        ) {
            self.listen = listen
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
        }

        /// Allowed values of `header_timeout` and `body_timeout`.
        public static let requestTimeoutRange: ClosedRange<Duration> = .milliseconds(100) ... .seconds(600)
        /// Allowed values of `idle_timeout`.
        public static let idleTimeoutRange: ClosedRange<Duration> = .seconds(1) ... .seconds(3600)
        /// Allowed values of `max_connections`.
        public static let maxConnectionsRange = 1...100_000
        /// Allowed values of `database_timeout`.
        public static let databaseTimeoutRange: ClosedRange<Duration> = .seconds(1) ... .seconds(120)
    }

    /// Plugin settings (key `plugins`).
    public struct Plugins: Sendable, Equatable {
        /// Directory holding `<id>/plugin.yaml` folders (key `dir`), default `plugins`.
        public var directory: String
        /// Directory of the bureau overrides `<id>.yaml` (key `overrides_dir`); must exist when set. Nil: the
        /// default, which depends on where the configuration came from
        /// (``LoadedConfiguration/overridesDirectory``).
        public var overridesDirectory: String?

        /// Creates plugin settings.
        public init(directory: String = "plugins", overridesDirectory: String? = nil) {
            self.directory = directory
            self.overridesDirectory = overridesDirectory
        }
    }
}
