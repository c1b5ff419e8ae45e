import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ClusterContext {
    /// Starts or adopts the server. The caller holds the cluster lock.
    func startLocked() async throws -> EmbeddedPostgres.StartOutcome {
        var outcome = EmbeddedPostgres.StartOutcome.started
        var state = inspect()
        if case .running(let pidFile) = state {
            logger.info("Adopting running embedded PostgreSQL", metadata: ["postgres.pid": "\(pidFile.pid)"])
            if let socketDirectory = pidFile.socketDirectory,
               ProcessTable.realPath(socketDirectory) != ProcessTable.realPath(layout.runDirectory) {
                // Started by hand with other settings: clients would look for the socket in the wrong place.
                throw EmbeddedPostgresError(
                    code: .startFailed,
                    message: """
                        正在运行的 PostgreSQL 服务器(pid \(pidFile.pid))的套接字在 \(socketDirectory),而不是 \(layout.runDirectory)。\
                        请停止它后重试。 (The running server (pid \(pidFile.pid)) has its socket in \(socketDirectory), \
                        not \(layout.runDirectory); stop it and try again.)
                        """
                )
            }
            if try await waitUntilReady(pid: pidFile.pid) {
                try await ensureDatabase()
                return .alreadyRunning
            }
            state = inspect()  // it exited while we waited (stopped by hand): start it ourselves
        }
        switch state {
        case .running(let pidFile):
            throw EmbeddedPostgresError(
                code: .startFailed,
                message: "PostgreSQL 服务器(pid \(pidFile.pid))在启动过程中被替换。 (The server was replaced while starting.)"
            )
        case .crashed(let pidFile, let orphans):
            try await cleanUpAfterCrash(pidFile: pidFile, orphans: orphans)
            outcome = .recovered
        case .stopped:
            break
        }
        if !layout.isInitialized { try await initialize() }
        try writeSettings()
        try await startServer()
        do {
            try await ensureDatabase()
        } catch {
            // Leave things as they were: a start that throws must not leave a server nobody stops.
            _ = try? await stopLocked()
            throw error
        }
        return outcome
    }

    /// Stops the server if it runs. The caller holds the cluster lock and knows no one else uses it.
    func stopLocked() async throws -> EmbeddedPostgres.StopOutcome {
        guard case .running(let pidFile) = inspect() else { return .notRunning }
        let result = try await runner.runAsServer(binaries.path("pg_ctl"), [
            "-D", layout.dataDirectory, "-m", "fast", "-w", "-t", timeoutSeconds, "stop",
        ])
        // pg_ctl returns once the postmaster has removed its pid file, a moment before it exits.
        var exited = !ProcessTable.isAlive(pidFile.pid)
        for _ in 0..<50 where result.succeeded && !exited {
            try? await Task.sleep(for: .milliseconds(100))
            exited = !ProcessTable.isAlive(pidFile.pid)
        }
        guard result.succeeded, exited else {
            throw EmbeddedPostgresError.failed(
                .stopFailed, "无法停止 PostgreSQL 服务器。 (Could not stop the PostgreSQL server.)",
                result: result, serverLog: layout.serverLogTail()
            )
        }
        logger.info("Embedded PostgreSQL stopped", metadata: ["postgres.pid": "\(pidFile.pid)"])
        return .stopped
    }

    private var timeoutSeconds: String {
        let components = configuration.startTimeout.components
        return String(max(1, components.seconds + (components.attoseconds > 0 ? 1 : 0)))
    }

    /// Runs `initdb` into a staging directory and renames it into place, so `data/PG_VERSION`
    /// exists only for a complete cluster, even if this process is killed mid-initdb.
    private func initialize() async throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: layout.dataDirectory) {
            throw EmbeddedPostgresError(
                code: .initdbFailed,
                message: """
                    \(layout.dataDirectory) 已存在但不是 PostgreSQL 数据目录;请检查后移走。 \
                    (\(layout.dataDirectory) exists but holds no PostgreSQL cluster; inspect it and move it away.)
                    """
            )
        }
        try? fileManager.removeItem(atPath: layout.initdbStagingDirectory)  // an interrupted earlier attempt
        logger.info("Creating embedded PostgreSQL cluster", metadata: ["postgres.bin": "\(binaries.directory)"])
        let result = try await runner.runAsServer(binaries.path("initdb"), [
            "-D", layout.initdbStagingDirectory,
            "-U", configuration.superuser,
            "-E", "UTF8",
            "--locale=\(Self.utf8LocaleAvailable ? "C.UTF-8" : "C")",
            // Trust is safe only because the server has no TCP listener and its socket directory is
            // mode 0700, owned by the server's account: whoever reaches the socket is that account or
            // root, who could read the data files anyway. TCP is rejected as a second line of defence.
            "--auth-local=trust", "--auth-host=reject",
            // Checksums detect silent disk corruption, worth their small cost on county servers.
            "--data-checksums",
        ])
        guard result.succeeded else {
            try? fileManager.removeItem(atPath: layout.initdbStagingDirectory)
            throw EmbeddedPostgresError.failed(
                .initdbFailed, "初始化 PostgreSQL 数据目录失败。 (initdb failed.)", result: result
            )
        }
        // The include keeps dixian's settings in one file it rewrites on every start, while a manual
        // `pg_ctl start` (or `ALTER SYSTEM`, which lands in postgresql.auto.conf) still works.
        let include = "\n# Added by dixian: settings of the embedded cluster, rewritten on every start.\n"
            + "include_if_exists = 'dixian.conf'\n"
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: layout.initdbStagingDirectory + "/postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(include.utf8))
            try handle.close()
            try fileManager.moveItem(atPath: layout.initdbStagingDirectory, toPath: layout.dataDirectory)
        } catch {
            throw EmbeddedPostgresError(
                code: .initdbFailed,
                message: "无法完成数据目录的初始化。 (Could not finish setting up the data directory: \(error).)"
            )
        }
    }

    /// Whether glibc has the C.UTF-8 locale (built in since glibc 2.35; a package before that).
    /// The masks are glibc's `LC_CTYPE_MASK | LC_COLLATE_MASK`, macros Swift does not import.
    private static var utf8LocaleAvailable: Bool {
        guard let locale = newlocale(Int32(1) << LC_CTYPE | Int32(1) << LC_COLLATE, "C.UTF-8", nil) else { return false }
        freelocale(locale)
        return true
    }

    /// Writes `data/dixian.conf`. Rewritten on every start so that a moved state directory gets the
    /// right socket path; the settings themselves are the security boundary (see `initialize`).
    private func writeSettings() throws {
        let socketDirectory = layout.runDirectory.replacingOccurrences(of: "'", with: "''")
        let text = """
            # Written by dixian on every start of the embedded cluster; edits here are overwritten.
            # Put your own settings in postgresql.conf or use ALTER SYSTEM.
            listen_addresses = ''
            port = \(ClusterLayout.port)
            unix_socket_directories = '\(socketDirectory)'
            unix_socket_permissions = 0700
            jit = off
            # A migration creates its tables and indexes in one transaction, and a test run migrates many fresh
            # databases at once: 64 locks per connection slot (the default) ran out of shared memory there.
            max_locks_per_transaction = 256

            """
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: layout.settingsFile), options: .atomic)
        } catch {
            throw EmbeddedPostgresError(
                code: .permissionDenied,
                message: "无法写入 \(layout.settingsFile)。 (Could not write \(layout.settingsFile): \(error).)"
            )
        }
        if let account {
            _ = chmod(layout.settingsFile, 0o600)
            try account.takeOwnership(of: layout.settingsFile)
        }
    }

    private func startServer() async throws {
        rotateServerLog()
        logger.info("Starting embedded PostgreSQL", metadata: ["postgres.socket": "\(layout.socketPath)"])
        let result = try await runner.runAsServer(binaries.path("pg_ctl"), [
            "-D", layout.dataDirectory, "-l", layout.serverLog, "-w", "-t", timeoutSeconds, "start",
        ])
        guard result.succeeded else {
            throw EmbeddedPostgresError.failed(
                .startFailed, "PostgreSQL 服务器启动失败。 (The PostgreSQL server failed to start.)",
                result: result, serverLog: layout.serverLogTail()
            )
        }
    }

    /// Keeps one previous log once the current one passes 10 MB; `pg_ctl -l` only ever appends.
    private func rotateServerLog() {
        let fileManager = FileManager.default
        guard let size = (try? fileManager.attributesOfItem(atPath: layout.serverLog))?[.size] as? Int,
              size > 10_000_000 else { return }
        try? fileManager.removeItem(atPath: layout.serverLog + ".1")
        try? fileManager.moveItem(atPath: layout.serverLog, toPath: layout.serverLog + ".1")
    }

    /// Waits until an adopted server accepts connections on our socket (it may still be starting,
    /// or replaying WAL after a crash).
    /// - Returns: `false` if the server exited meanwhile.
    private func waitUntilReady(pid: Int32) async throws -> Bool {
        let deadline = ContinuousClock.now + configuration.startTimeout
        while true {
            let result = try await runner.run(binaries.path("pg_isready"), clientArguments(database: "postgres"))
            if result.succeeded { return true }
            guard ProcessTable.isAlive(pid) else { return false }
            guard ContinuousClock.now < deadline else {
                throw EmbeddedPostgresError.failed(
                    .startFailed,
                    """
                    PostgreSQL 服务器(pid \(pid))在运行,但在 \(layout.runDirectory) 上没有响应。 \
                    (The PostgreSQL server (pid \(pid)) is running but does not answer on \(layout.runDirectory).)
                    """,
                    result: result, serverLog: layout.serverLogTail()
                )
            }
            await sleepIgnoringCancellation(.milliseconds(200))
        }
    }

    /// Creates the application database unless it exists. Client programs run as this process's
    /// user: root may open the 0700 socket directory, and a non-root user owns it.
    private func ensureDatabase() async throws {
        let name = configuration.database
        let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        let identifier = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let psql = binaries.path("psql")
        let options = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"] + clientArguments(database: "postgres")
        let check = try await runner.run(psql, options + ["-c", "SELECT 1 FROM pg_database WHERE datname = \(literal)"])
        guard check.succeeded else {
            throw EmbeddedPostgresError.failed(
                .createDatabaseFailed, "无法查询数据库列表。 (Could not list databases.)", result: check
            )
        }
        if check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return }
        logger.info("Creating database", metadata: ["postgres.database": "\(name)"])
        let create = try await runner.run(psql, options + ["-c", "CREATE DATABASE \(identifier)"])
        guard create.succeeded else {
            throw EmbeddedPostgresError.failed(
                .createDatabaseFailed, "无法创建数据库 \(name)。 (Could not create database \(name).)", result: create
            )
        }
    }

    private func clientArguments(database: String) -> [String] {
        ["-h", layout.runDirectory, "-p", String(ClusterLayout.port), "-U", configuration.superuser, "-d", database]
    }
}
