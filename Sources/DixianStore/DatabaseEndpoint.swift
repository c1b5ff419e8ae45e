import Logging
import NIOSSL
import PostgresNIO

/// Where and how to reach PostgreSQL (数据库连接目标): a unix socket (the embedded cluster,
/// or a local server) or TCP with a TLS mode that follows libpq's `sslmode` names.
public struct DatabaseEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// How the connection travels.
    public enum Transport: Sendable, Equatable {
        /// A unix socket directory as libpq names it (`host=/path`); the socket file is
        /// `<directory>/.s.PGSQL.<port>`.
        case unixSocket(directory: String, port: Int)
        case tcp(host: String, port: Int)
    }

    /// TLS modes, named as libpq's `sslmode`.
    public enum TLSMode: Sendable, Equatable {
        case disable
        case prefer
        /// Encrypt, but do not verify the certificate (libpq's `require`).
        case require
        /// Verify the chain, not the host name.
        case verifyCA(rootCertificateFile: String?)
        /// Verify the chain and the host name: the default for network hosts.
        case verifyFull(rootCertificateFile: String?)
    }

    public var transport: Transport
    public var username: String
    /// Never printed: ``description`` leaves it out.
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(transport: Transport, username: String, password: String? = nil, database: String, tls: TLSMode) {
        self.transport = transport
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// The endpoint as a URL without its password, safe for logs and `STATUS=` lines.
    public var description: String {
        switch self.transport {
        case .unixSocket(let directory, let port):
            let portPart = port == 5432 ? "" : "&port=\(port)"
            return "postgresql://\(self.username)@/\(self.database)?host=\(directory)\(portPart)"
        case .tcp(let host, let port):
            let hostPart = host.contains(":") ? "[\(host)]" : host
            return "postgresql://\(self.username)@\(hostPart):\(port)/\(self.database)"
        }
    }

    /// The socket file PostgresNIO binds to, for a unix socket transport.
    public var unixSocketPath: String? {
        guard case .unixSocket(let directory, let port) = self.transport else { return nil }
        return "\(directory)/.s.PGSQL.\(port)"
    }

    /// Configuration for a ``PostgresClient`` pool.
    public func clientConfiguration(maxConnections: Int, connectTimeout: Duration) throws -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch self.transport {
        case .unixSocket:
            configuration = .init(
                unixSocketPath: self.unixSocketPath!, username: self.username,
                password: self.password, database: self.database
            )
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: self.username, password: self.password,
                database: self.database, tls: self.clientTLS()
            )
        }
        configuration.options.maximumConnections = maxConnections
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = [("application_name", "dixian")]
        return configuration
    }

    /// Configuration for one direct connection, used by the start-up probe so it reports the
    /// server's own error at once instead of waiting for the pool to give up.
    public func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch self.transport {
        case .unixSocket:
            configuration = .init(
                unixSocketPath: self.unixSocketPath!, username: self.username,
                password: self.password, database: self.database
            )
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: self.username, password: self.password,
                database: self.database, tls: try self.connectionTLS()
            )
        }
        configuration.options.connectTimeout = .init(connectTimeout)
        configuration.options.additionalStartupParameters = [("application_name", "dixian")]
        return configuration
    }

    private func tlsConfiguration() -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch self.tls {
        case .disable:
            return nil
        case .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA(let rootFile):
            tls.certificateVerification = .noHostnameVerification
            if let rootFile { tls.trustRoots = .file(rootFile) }
        case .verifyFull(let rootFile):
            tls.certificateVerification = .fullVerification
            if let rootFile { tls.trustRoots = .file(rootFile) }
        }
        return tls
    }

    private func clientTLS() -> PostgresClient.Configuration.TLS {
        guard let tls = self.tlsConfiguration() else { return .disable }
        return self.tls == .prefer ? .prefer(tls) : .require(tls)
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        guard let tls = self.tlsConfiguration() else { return .disable }
        let context = try NIOSSLContext(configuration: tls)
        return self.tls == .prefer ? .prefer(context) : .require(context)
    }
}
