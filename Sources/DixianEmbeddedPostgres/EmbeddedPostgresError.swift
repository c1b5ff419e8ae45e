/// An error from starting, stopping or locating the embedded PostgreSQL cluster.
///
/// Messages for operators come first in Chinese, then in English, because the people who read them
/// run county servers; ``context`` carries the evidence an engineer needs (the failed command line
/// and the last lines of its output or of the server log).
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable for programs to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case binariesNotFound, versionMismatch, userNotFound, permissionDenied, socketPathTooLong
            case initdbFailed, startFailed, stopFailed, createDatabaseFailed, commandFailed, lockTimeout
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No directory holds `initdb`, `pg_ctl` and `postgres`.
        public static let binariesNotFound = Self(.binariesNotFound)
        /// The data directory was created by another major version than the binaries found.
        public static let versionMismatch = Self(.versionMismatch)
        /// Running as root, but the unprivileged server account does not exist.
        public static let userNotFound = Self(.userNotFound)
        /// A directory has the wrong owner or cannot be traversed by the server account.
        public static let permissionDenied = Self(.permissionDenied)
        /// The unix socket path exceeds the kernel's limit (107 bytes on Linux).
        public static let socketPathTooLong = Self(.socketPathTooLong)
        /// `initdb` failed.
        public static let initdbFailed = Self(.initdbFailed)
        /// `pg_ctl start` failed, or a running server did not become ready.
        public static let startFailed = Self(.startFailed)
        /// `pg_ctl stop` failed.
        public static let stopFailed = Self(.stopFailed)
        /// Checking for or creating the application database failed.
        public static let createDatabaseFailed = Self(.createDatabaseFailed)
        /// A helper program could not be launched or failed unexpectedly.
        public static let commandFailed = Self(.commandFailed)
        /// Another process held the cluster lock for too long.
        public static let lockTimeout = Self(.lockTimeout)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation (Chinese, then English).
    public var message: String
    /// Evidence, in order: for example `("command", "pg_ctl -D … start")`, `("server log", "<last lines>")`.
    public var context: [(key: String, value: String)]

    public init(code: Code, message: String, context: [(key: String, value: String)] = []) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String {
        var text = "EmbeddedPostgresError(\(code)): \(message)"
        for (key, value) in context {
            // Multi-line values (output tails) are indented so they read as one block in a log.
            if value.contains("\n") {
                text += "\n  \(key):\n" + value.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "    " + $0 }.joined(separator: "\n")
            } else {
                text += "\n  \(key): \(value)"
            }
        }
        return text
    }
}

extension EmbeddedPostgresError {
    /// A failed command, with its command line and the tail of what it printed.
    static func failed(
        _ code: Code, _ message: String, result: CommandResult, serverLog: String? = nil
    ) -> Self {
        var context: [(key: String, value: String)] = [
            ("command", result.commandLine),
            ("exit", result.exitDescription),
        ]
        let output = result.tail()
        if !output.isEmpty { context.append(("output", output)) }
        if let serverLog, !serverLog.isEmpty { context.append(("server log", serverLog)) }
        return Self(code: code, message: message, context: context)
    }
}
