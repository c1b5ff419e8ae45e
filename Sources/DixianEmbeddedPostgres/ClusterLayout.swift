import Foundation

/// Where the private cluster's files live, all below `<stateDirectory>/postgres`:
///
/// ```
/// postgres/            0700, owned by the server account
///   data/              the cluster (PGDATA); data/dixian.conf holds dixian's server settings
///   data.initdb/       initdb writes here first, then it is renamed to data/ (so a crash mid-initdb
///                      never leaves a half-made cluster where a real one is expected)
///   run/               0700, unix socket and its lock file
///   log/server.log     server output (pg_ctl -l)
///   lock               flock: serializes start/stop between processes
///   users.lock         shared flocks: one per process using the cluster (see ClusterLease)
/// ```
struct ClusterLayout: Sendable {
    /// The cluster listens only on a unix socket; the port just names the socket file.
    static let port = 5432

    /// Absolute, normalized state directory.
    let stateDirectory: String

    init(stateDirectory: String) {
        let absolute = stateDirectory.hasPrefix("/")
            ? stateDirectory
            : FileManager.default.currentDirectoryPath + "/" + stateDirectory
        var normalized = URL(fileURLWithPath: absolute).standardized.path
        while normalized.count > 1 && normalized.hasSuffix("/") { normalized.removeLast() }
        self.stateDirectory = normalized
    }

    var root: String { stateDirectory + "/postgres" }
    var dataDirectory: String { root + "/data" }
    var initdbStagingDirectory: String { root + "/data.initdb" }
    var runDirectory: String { root + "/run" }
    var logDirectory: String { root + "/log" }
    var serverLog: String { logDirectory + "/server.log" }
    var lockFile: String { root + "/lock" }
    var usersFile: String { root + "/users.lock" }
    var pidFile: String { dataDirectory + "/postmaster.pid" }
    var versionFile: String { dataDirectory + "/PG_VERSION" }
    var settingsFile: String { dataDirectory + "/dixian.conf" }
    var socketPath: String { runDirectory + "/.s.PGSQL.\(Self.port)" }

    /// Whether `initdb` has completed here (the staging rename makes PG_VERSION in data/ reliable).
    var isInitialized: Bool { FileManager.default.fileExists(atPath: versionFile) }

    /// The major version recorded by initdb, if the cluster exists.
    var clusterMajorVersion: Int? {
        guard let text = try? String(contentsOfFile: versionFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").first ?? "")
    }

    /// The last lines of the server log, for error context.
    func serverLogTail(_ count: Int = 20) -> String {
        guard let handle = FileHandle(forReadingAtPath: serverLog) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 16_384 ? size - 16_384 : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return lastLines(of: String(decoding: data, as: UTF8.self), count: count)
    }
}
