import Foundation

/// Where and how to reach an external PostgreSQL server, parsed from a libpq-style URL:
///
/// ```
/// postgres://dixian:s%40cret@db.example:5432/dixian?sslmode=verify-full&sslrootcert=/etc/dixian/ca.pem
/// postgresql://dixian@/dixian?host=/run/postgresql
/// ```
///
/// ``description`` never contains the password, so a URL can be shown in `dixian check` and logs.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How to reach the server.
    public enum Host: Sendable, Hashable {
        /// A DNS name or IP address (IPv6 without brackets), over TCP.
        case network(String)
        /// A directory holding the server's Unix-domain socket, as `?host=/run/postgresql` (libpq's convention).
        case unixSocket(directory: String)
    }

    /// libpq's `sslmode` values that dixian supports.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS if the server offers it, without verification: protects only against passive eavesdroppers.
        case prefer
        /// TLS, without verifying the certificate.
        case require
        /// TLS, certificate signed by a trusted CA (``DatabaseURL/sslRootCertificate`` or the system's).
        case verifyCA = "verify-ca"
        /// TLS, trusted certificate whose name matches the host.
        case verifyFull = "verify-full"
    }

    /// The role to log in as.
    public var user: String
    /// The password from the URL, if any (see ``Configuration/Database/effectivePassword``).
    public var password: String?
    /// The server.
    public var host: Host
    /// TCP port, or the number in the socket file's name (`.s.PGSQL.5432`); default 5432.
    public var port: Int
    /// The database; defaults to the user name, as with libpq.
    public var database: String
    /// Whether and how to use TLS; see ``defaultSSLMode(for:)``.
    public var sslMode: SSLMode
    /// A PEM file of CA certificates to verify the server with (`sslrootcert`); nil means the system's.
    public var sslRootCertificate: String?

    /// Creates a URL from parts; `sslMode` nil picks ``defaultSSLMode(for:)``.
    public init(
        user: String,
        password: String? = nil,
        host: Host,
        port: Int = 5432,
        database: String? = nil,
        sslMode: SSLMode? = nil,
        sslRootCertificate: String? = nil
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database ?? user
        self.sslMode = sslMode ?? Self.defaultSSLMode(for: host)
        self.sslRootCertificate = sslRootCertificate
    }

    /// TLS with full verification unless the connection cannot leave this machine.
    ///
    /// libpq's own default, `prefer`, silently falls back to plain text and never checks the certificate,
    /// so anyone on the path (a county's government network crosses many switches and offices) could read
    /// citizens' data or impersonate the server. Verification is therefore on by default for network hosts;
    /// an operator who really wants less must say so in the URL. A Unix socket or loopback connection never
    /// leaves the machine, and local servers rarely have a certificate, so TLS there is off.
    public static func defaultSSLMode(for host: Host) -> SSLMode {
        isLocal(host) ? .disable : .verifyFull
    }

    /// Whether the connection stays on this machine: a Unix socket, `localhost`, `127.0.0.0/8` or `::1`.
    public var isLocal: Bool {
        Self.isLocal(host)
    }

    static func isLocal(_ host: Host) -> Bool {
        switch host {
        case .unixSocket:
            return true
        case .network(let name):
            let name = name.lowercased()
            return name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" || name.hasPrefix("127.")
        }
    }

    /// `postgres://user@host:port/database` without password or parameters, e.g. for `dixian check`.
    public var description: String {
        let user = Self.encode(user, allowed: .urlUserAllowed)
        let database = Self.encode(database, allowed: .urlPathAllowed)
        switch host {
        case .network(let name):
            let host = name.contains(":") ? "[\(name)]" : name
            return "postgres://\(user)@\(host):\(port)/\(database)"
        case .unixSocket(let directory):
            let port = port == 5432 ? "" : ":\(port)"
            return "postgres://\(user)@\(port)/\(database)?host=\(directory)"
        }
    }

    /// Same as ``description``: the password stays out of debug output too.
    public var debugDescription: String {
        description
    }

    private static func encode(_ text: String, allowed: CharacterSet) -> String {
        var allowed = allowed
        allowed.remove(charactersIn: ":@/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension DatabaseURL: CustomReflectable {
    /// Hides the password from `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": description, "sslMode": sslMode.rawValue], displayStyle: .struct)
    }
}
