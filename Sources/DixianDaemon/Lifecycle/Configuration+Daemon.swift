import DixianStore
import Logging

extension Configuration {
    /// Pushes `log.format` and `log.level` into the live logging settings.
    public func applyLogSettings(to settings: LogSettings) {
        settings.format = self.log.format == .json ? .json : .logfmt
        settings.level = Logger.Level(rawValue: self.log.level.rawValue) ?? .info
    }

    /// Keys whose new value a reload cannot apply to a running daemon.
    func restartOnlyDifferences(from new: Configuration) -> [String] {
        var keys: [String] = []
        if self.stateDirectory != new.stateDirectory { keys.append("state_dir") }
        if self.http.listen != new.http.listen { keys.append("http.listen") }
        var limits = self.http
        limits.listen = new.http.listen
        if limits != new.http { keys.append("http (timeouts, max_connections)") }
        if self.database != new.database { keys.append("database") }
        if self.timezone != new.timezone { keys.append("timezone") }
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
