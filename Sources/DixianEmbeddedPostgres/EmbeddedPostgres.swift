import Foundation
import Logging

/// A private PostgreSQL cluster under dixian's state directory, for installations without a
/// configured database.
///
/// The cluster lives in `<stateDirectory>/postgres/data`, listens only on a unix socket in
/// `<stateDirectory>/postgres/run` (never on TCP), and is run with the installed server programs
/// (see ``locateBinaries(override:environment:)``). When dixian runs as root, the server runs as
/// ``Configuration/runAsUser``, because PostgreSQL refuses to run as root.
///
/// Several processes may use one cluster (the daemon and CLI commands): ``start()`` adopts a
/// running server instead of starting a second one, start and stop are serialized by a file lock,
/// and ``stop()`` leaves the server running while another process still uses it.
///
/// ```swift
/// let postgres = EmbeddedPostgres(configuration: .init(stateDirectory: "./var"), logger: logger)
/// try await postgres.withRunningCluster { connection in
///     // connect to connection.socketPath as connection.username
/// }
/// ```
///
/// Copies of a value share its claim on the cluster; separate values (even in one process)
/// count as separate users.
public struct EmbeddedPostgres: Sendable {
    /// The settings of one embedded cluster.
    public struct Configuration: Sendable {
        /// dixian's state directory; the cluster lives in `<stateDirectory>/postgres`. Relative
        /// paths are resolved against the working directory when the value is created.
        public var stateDirectory: String
        /// The account the server runs as when this process runs as root (euid 0).
        public var runAsUser: String
        /// Where `initdb`, `pg_ctl` and `postgres` live; `nil` searches (see ``EmbeddedPostgres/locateBinaries(override:environment:)``).
        public var binDirectory: String?
        /// The cluster's superuser, created by `initdb`, and the user clients connect as.
        public var superuser: String
        /// The application database, created after start if it is missing.
        public var database: String
        /// How long to wait for the server to start, stop, or (when adopted) become ready.
        public var startTimeout: Duration

        public init(
            stateDirectory: String = "./var",
            runAsUser: String = "postgres",
            binDirectory: String? = nil,
            superuser: String = "dixian",
            database: String = "dixian",
            startTimeout: Duration = .seconds(60)
        ) {
            self.stateDirectory = stateDirectory
            self.runAsUser = runAsUser
            self.binDirectory = binDirectory
            self.superuser = superuser
            self.database = database
            self.startTimeout = startTimeout
        }
    }

    /// How ``start()`` found the cluster.
    public enum StartOutcome: Sendable, Hashable {
        /// The server was not running and has been started (after `initdb` on first use).
        case started
        /// A live server was found and adopted, for example one started by a running daemon, or
        /// left running by a daemon that crashed.
        case alreadyRunning
        /// The server had crashed (stale `postmaster.pid`, possibly orphaned backends); the
        /// remains were cleaned up and the server started again.
        case recovered

        /// Whether this call started the server (and so should stop it when done).
        public var startedServer: Bool { self != .alreadyRunning }
    }

    /// What ``stop()`` did.
    public enum StopOutcome: Sendable, Hashable {
        /// The server was stopped.
        case stopped
        /// The server was not running.
        case notRunning
        /// Another process (a daemon, a CLI command) still uses the cluster, so it was left running.
        case inUseByOthers
    }

    /// Whether the cluster's server is running.
    public enum Status: Sendable, Hashable {
        /// No live server process for the data directory.
        case stopped
        /// The postmaster with this process id serves the data directory.
        case running(pid: Int32)
    }

    /// How to connect to the running cluster (unix socket, no password).
    public struct ConnectionInfo: Sendable, Hashable {
        /// The directory holding the socket (libpq's `host`).
        public var socketDirectory: String
        /// The socket itself, `<socketDirectory>/.s.PGSQL.5432`, for PostgresNIO's `unixSocketPath`.
        public var socketPath: String
        /// The port, which only names the socket file.
        public var port: Int
        /// The cluster's superuser (``Configuration/superuser``); the socket needs no password.
        public var username: String
        /// The application database (``Configuration/database``).
        public var database: String
    }

    /// The settings this cluster was created with.
    public let configuration: Configuration
    let layout: ClusterLayout
    let logger: Logger
    let lease = ClusterLease()

    /// - Parameters:
    ///   - configuration: Where the cluster lives and how to run it.
    ///   - logger: Receives progress (`info`) and details (`debug`); never credentials (there are none).
    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.layout = ClusterLayout(stateDirectory: configuration.stateDirectory)
        var logger = logger
        logger[metadataKey: "postgres.data_directory"] = .string(layout.dataDirectory)
        self.logger = logger
    }

    /// Whether `initdb` has created the cluster here; false on a fresh state directory. Read-only commands
    /// (`dixian simulate`) check it so that they do not create a cluster as a side effect.
    public var isInitialized: Bool { layout.isInitialized }

    /// The directory holding the server's unix socket.
    public var socketDirectory: String { layout.runDirectory }

    /// The server's unix socket.
    public var socketPath: String { layout.socketPath }

    /// How to connect once the server runs.
    public var connectionInfo: ConnectionInfo {
        ConnectionInfo(
            socketDirectory: layout.runDirectory, socketPath: layout.socketPath, port: ClusterLayout.port,
            username: configuration.superuser, database: configuration.database
        )
    }

    /// Whether the server is running, judged by `postmaster.pid` and the live process it names.
    /// Reports `.stopped` when `postmaster.pid` cannot be read (another user's cluster).
    public func status() -> Status {
        guard let pidFile = PostmasterPIDFile.read(layout.pidFile),
              ProcessTable.isServerProcess(pidFile.pid, dataDirectory: layout.dataDirectory) else { return .stopped }
        return .running(pid: pidFile.pid)
    }

    /// Starts the cluster, or adopts it if it is already running; creates it (`initdb`) on first use
    /// and the application database when missing. Registers this value as a user of the cluster.
    ///
    /// Safe to call from several processes at once: a file lock lets one of them start the server
    /// and the others adopt it.
    @discardableResult
    public func start() async throws -> StartOutcome {
        try Task.checkCancellation()
        let cluster = try await ClusterContext.prepare(configuration: configuration, layout: layout, logger: logger)
        let lock = try await FileLock.lock(layout.lockFile, timeout: configuration.startTimeout + .seconds(30))
        defer { lock.unlock() }
        let outcome = try await cluster.startLocked()
        try lease.acquire(layout.usersFile)
        return outcome
    }

    /// Stops the server (`pg_ctl stop -m fast`) and waits until it has exited, unless another process
    /// still uses the cluster. Releases this value's claim on the cluster either way.
    @discardableResult
    public func stop() async throws -> StopOutcome {
        guard FileManager.default.fileExists(atPath: layout.root) else {
            lease.releaseAll()
            return .notRunning
        }
        let cluster = try await ClusterContext.prepare(configuration: configuration, layout: layout, logger: logger)
        let lock = try await FileLock.lock(layout.lockFile, timeout: configuration.startTimeout + .seconds(30))
        defer { lock.unlock() }
        lease.releaseAll()
        // Exclusive succeeds only when no other process holds its shared claim.
        guard let sole = try await Self.soleUser(layout.usersFile) else {
            logger.info("Embedded PostgreSQL left running: another dixian process still uses it")
            return .inUseByOthers
        }
        defer { sole.unlock() }
        return try await cluster.stopLocked()
    }

    /// The exclusive lock on `users.lock`, or nil when another process holds a shared claim for longer than a moment.
    ///
    /// A moment's grace because a claim can outlive its `close`: a child this process is spawning right then (any
    /// `Process`, pg_ctl, psql) shares the lock's open file description between its fork and its exec, which closes
    /// the `O_CLOEXEC` descriptor. Seen as `/proc/locks` naming this very process as the holder of a stop that
    /// failed under load; a real user (a daemon, a CLI command) holds its claim for far longer than the grace.
    static func soleUser(_ path: String) async throws -> FileLock? {
        for attempt in 0..<40 {
            if let lock = try FileLock.tryLock(path, exclusive: true) { return lock }
            if attempt < 39 { await sleepIgnoringCancellation(.milliseconds(50)) }
        }
        return nil
    }

    /// Runs `body` with a running cluster: starts it if needed, and afterwards stops it only if this
    /// call started it (and no other process uses it by then), also when `body` throws.
    public func withRunningCluster<Result: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ConnectionInfo) async throws -> Result
    ) async throws -> Result {
        let outcome = try await start()
        let result: Result
        do {
            result = try await body(connectionInfo)
        } catch {
            if outcome.startedServer { _ = try? await stop() } else { lease.release() }
            throw error
        }
        if outcome.startedServer { try await stop() } else { lease.release() }
        return result
    }
}
