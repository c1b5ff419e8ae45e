import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything one start or stop needs, resolved once: paths, the server account, the binaries and
/// how to run them. The steps themselves are in `ClusterContext+Lifecycle.swift` and
/// `ClusterContext+Recovery.swift`.
struct ClusterContext: Sendable {
    var configuration: EmbeddedPostgres.Configuration
    var layout: ClusterLayout
    /// The account server programs run as; `nil` when this process is not root (they run as us).
    var account: ServerAccount?
    var binaries: EmbeddedPostgres.Binaries
    var runner: CommandRunner
    var logger: Logger

    /// Checks the environment and creates the directory skeleton (not the cluster).
    static func prepare(
        configuration: EmbeddedPostgres.Configuration, layout: ClusterLayout, logger: Logger
    ) async throws -> ClusterContext {
        // sun_path is 108 bytes including the terminating NUL; a longer path fails only at bind().
        guard layout.socketPath.utf8.count <= 107 else {
            throw EmbeddedPostgresError(
                code: .socketPathTooLong,
                message: """
                    状态目录路径过长,PostgreSQL 的 unix 套接字路径超过 107 字节:\(layout.socketPath)。请使用较短的状态目录。 \
                    (The state directory path is too long: the unix socket path exceeds 107 bytes; use a shorter one.)
                    """
            )
        }
        let account = ServerAccount.processIsRoot ? try ServerAccount.lookup(configuration.runAsUser) : nil
        try createDirectories(layout, account: account)

        var environment = ProcessInfo.processInfo.environment
        // PGHOST, PGPORT, PGDATA, PGUSER, PGOPTIONS… would silently redirect our tools, and the server
        // itself takes its default port from PGPORT.
        for key in environment.keys where key.hasPrefix("PG") { environment[key] = nil }
        // Debian builds PostgreSQL with systemd support: a server that inherits NOTIFY_SOCKET sends its
        // own READY=1 and STOPPING=1 to the daemon's supervisor, and a WATCHDOG_USEC meant for the
        // daemon would make it ping on the daemon's behalf.
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID"] {
            environment[key] = nil
        }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        account?.apply(to: &environment)

        let binaries = try await EmbeddedPostgres.locateBinaries(
            override: configuration.binDirectory, environment: environment,
            preferredMajorVersion: layout.clusterMajorVersion
        )
        if let clusterVersion = layout.clusterMajorVersion, clusterVersion != binaries.majorVersion {
            throw EmbeddedPostgresError(
                code: .versionMismatch,
                message: """
                    数据目录由 PostgreSQL \(clusterVersion) 创建,但找到的服务器程序是 PostgreSQL \(binaries.majorVersion)。\
                    请安装:apt-get install postgresql-\(clusterVersion),或用 pg_upgrade 升级数据目录。 \
                    (The data directory was created by PostgreSQL \(clusterVersion), but the server binaries \
                    found are version \(binaries.majorVersion); install 'postgresql-\(clusterVersion)' or \
                    upgrade the cluster with pg_upgrade.)
                    """,
                context: [("data directory", layout.dataDirectory), ("binaries", binaries.directory)]
            )
        }
        let runner = CommandRunner(
            serverPrefix: try account?.commandPrefix() ?? [], environment: environment,
            workingDirectory: layout.root
        )
        var logger = logger
        logger[metadataKey: "postgres.version"] = .string(binaries.version)
        return ClusterContext(
            configuration: configuration, layout: layout, account: account, binaries: binaries,
            runner: runner, logger: logger
        )
    }

    /// Creates `postgres/`, `run/` and `log/` (mode 0700) and hands them to the server account.
    ///
    /// The socket directory's mode is what makes `trust` authentication safe: only the server's
    /// account (and root) can reach the socket, and there is no TCP listener at all.
    private static func createDirectories(_ layout: ClusterLayout, account: ServerAccount?) throws {
        let fileManager = FileManager.default
        for (directory, mode) in [(layout.stateDirectory, 0o755), (layout.root, 0o700), (layout.runDirectory, 0o700),
                                  (layout.logDirectory, 0o700)] where !fileManager.fileExists(atPath: directory) {
            do {
                try fileManager.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: mode]
                )
            } catch where !fileManager.fileExists(atPath: directory) {  // else: another process won the race
                throw EmbeddedPostgresError(
                    code: .permissionDenied,
                    message: "无法创建目录 \(directory)。 (Could not create \(directory): \(error).)"
                )
            }
        }
        if let account {
            try account.ensureTraversable(layout.stateDirectory, owned: layout.stateDirectory)
            try account.takeOwnership(of: layout.root)
        } else {
            var info = stat()
            if stat(layout.root, &info) == 0, info.st_uid != geteuid() {
                throw EmbeddedPostgresError(
                    code: .permissionDenied,
                    message: """
                        \(layout.root) 属于另一个用户(uid \(info.st_uid))。请以 root 或该用户运行 dixian。 \
                        (\(layout.root) belongs to another user (uid \(info.st_uid)); run dixian as root or as that user.)
                        """
                )
            }
        }
    }
}
