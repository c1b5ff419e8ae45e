import DixianStore
import Logging

extension Configuration {
    /// Pushes `log.format` and `log.level` into the live logging settings.
    public func applyLogSettings(to settings: LogSettings) {
        settings.format = self.log.format == .json ? .json : .logfmt
        settings.level = Logger.Level(rawValue: self.log.level.rawValue) ?? .info
    }

    /// Keys whose new value a reload cannot apply to a running daemon (README "Configuration"): the database,
    /// the HTTP server, the state directory and zone, the link signer built at start-up (`links.*`), and which
    /// services run (`schedule.enabled`, `notify.enabled`). Everything else applies at once or at the next tick.
    public static let restartOnlyKeys = [
        "state_dir", "timezone", "database", "http.listen", "http (timeouts, max_connections, database_timeout)",
        "links.base_url", "links.secret_file", "links.ttl", "schedule.enabled", "notify.enabled",
    ]

    /// The ``restartOnlyKeys`` whose value differs in `new`; the reloader logs a warning for each.
    func restartOnlyDifferences(from new: Configuration) -> [String] {
        var keys: [String] = []
        if self.stateDirectory != new.stateDirectory { keys.append("state_dir") }
        if self.timezone != new.timezone { keys.append("timezone") }
        if self.database != new.database { keys.append("database") }
        if self.http.listen != new.http.listen { keys.append("http.listen") }
        var limits = self.http
        limits.listen = new.http.listen
        if limits != new.http { keys.append("http (timeouts, max_connections, database_timeout)") }
        // An unset base_url follows http.listen, so a new listen address changes the links too.
        if self.links.baseURL != new.links.baseURL { keys.append("links.base_url") }
        if self.links.secret != new.links.secret { keys.append("links.secret_file") }
        if self.links.timeToLive != new.links.timeToLive { keys.append("links.ttl") }
        if self.schedule.enabled != new.schedule.enabled { keys.append("schedule.enabled") }
        if self.notify.enabled != new.notify.enabled { keys.append("notify.enabled") }
        return keys
    }
}

extension DatabaseURL {
    /// The store's endpoint for this URL; `password` (from `password_file` or the environment)
    /// wins over one written in the URL.
    public func endpoint(password: String?) -> DatabaseEndpoint {
        let transport: DatabaseEndpoint.Transport
        switch self.host {
        case .network(let host): transport = .tcp(host: host, port: self.port)
        case .unixSocket(let directory): transport = .unixSocket(directory: directory, port: self.port)
        }
        let tls: DatabaseEndpoint.TLSMode
        switch self.sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer
        case .require: tls = .require
        case .verifyCA: tls = .verifyCA(rootCertificateFile: self.sslRootCertificate)
        case .verifyFull: tls = .verifyFull(rootCertificateFile: self.sslRootCertificate)
        }
        return DatabaseEndpoint(
            transport: transport, username: self.user, password: password ?? self.password,
            database: self.database, tls: tls
        )
    }
}
