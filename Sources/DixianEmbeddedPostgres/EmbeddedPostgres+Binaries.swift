import Foundation

extension EmbeddedPostgres {
    /// A directory holding the PostgreSQL server programs, and their version.
    public struct Binaries: Sendable, Hashable {
        /// The directory holding `initdb`, `pg_ctl`, `postgres`, `psql` and `pg_isready`.
        public var directory: String
        /// The full version the server reports, such as `15.13`.
        public var version: String
        /// The major version, such as `15`; a data directory works only with its own major version.
        public var majorVersion: Int

        /// The absolute path of one program in ``directory``.
        public func path(_ program: String) -> String { directory + "/" + program }
    }

    /// The programs a directory must hold to run a cluster.
    static let requiredPrograms = ["initdb", "pg_ctl", "postgres"]

    /// Finds the installed PostgreSQL server programs.
    ///
    /// Searched in order: `override` (then nothing else); the `--bindir` of `pg_config` on `PATH`;
    /// Debian's versioned directories `/usr/lib/postgresql/<N>/bin`, highest `N` first (Debian keeps
    /// the server programs off `PATH`); then each `PATH` entry. The first directory holding
    /// `initdb`, `pg_ctl` and `postgres` wins.
    ///
    /// - Parameters:
    ///   - override: A directory to use instead of searching.
    ///   - environment: Supplies `PATH`.
    /// - Throws: ``EmbeddedPostgresError/Code/binariesNotFound`` naming the package to install.
    public static func locateBinaries(
        override: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Binaries {
        try await locateBinaries(override: override, environment: environment, preferredMajorVersion: nil)
    }

    /// - Parameters:
    ///   - preferredMajorVersion: The existing cluster's version: when several versions are
    ///     installed (during a Debian upgrade), pick the one that can open the data directory.
    ///   - versionedRoots: Parents of `<N>/bin` directories; tests pass `[]` to hide the host's.
    static func locateBinaries(
        override: String?,
        environment: [String: String],
        preferredMajorVersion: Int?,
        versionedRoots: [String] = ["/usr/lib/postgresql"]
    ) async throws -> Binaries {
        if let override {
            guard hasServerPrograms(override) else {
                throw binariesNotFound(searched: [override], override: true)
            }
            return try await binaries(in: override)
        }
        let pathEntries = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        var candidates: [String] = []
        if let pgConfig = pathEntries.map({ $0 + "/pg_config" }).first(where: FileManager.default.isExecutableFile),
           let result = try? await CommandRunner.execute([pgConfig, "--bindir"], environment: environment),
           result.succeeded {
            candidates.append(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        candidates += versionedRoots.flatMap(versionedDirectories)
        candidates += pathEntries

        var seen = Set<String>()
        let usable = candidates.filter { directory in
            guard hasServerPrograms(directory) else { return false }
            return seen.insert(ProcessTable.realPath(directory) ?? directory).inserted
        }
        guard let first = usable.first else {
            throw binariesNotFound(searched: candidates, override: false)
        }
        if let preferredMajorVersion {
            for directory in usable {
                let found = try await binaries(in: directory)
                if found.majorVersion == preferredMajorVersion { return found }
            }
        }
        return try await binaries(in: first)
    }

    /// `<root>/<N>/bin` for every numeric `N`, highest version first.
    private static func versionedDirectories(_ root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let versions = names.compactMap { name -> (String, [Int])? in
            let parts = name.split(separator: ".").map { Int($0) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
            return (name, parts.map { $0! })
        }
        return versions.sorted { $0.1.lexicographicallyPrecedes($1.1) }.reversed().map { "\(root)/\($0.0)/bin" }
    }

    private static func hasServerPrograms(_ directory: String) -> Bool {
        requiredPrograms.allSatisfy { FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    }

    /// Asks `postgres --version` ("postgres (PostgreSQL) 15.13 (Debian 15.13-0+deb12u1)").
    private static func binaries(in directory: String) async throws -> Binaries {
        let result = try await CommandRunner.execute([directory + "/postgres", "--version"])
        let version = result.output.split(separator: " ").dropFirst(2).first.map(String.init) ?? ""
        guard result.succeeded, let major = Int(version.split(separator: ".").first ?? "") else {
            throw EmbeddedPostgresError.failed(
                .binariesNotFound,
                "无法确定 \(directory)/postgres 的版本。 (Could not determine the version of \(directory)/postgres.)",
                result: result
            )
        }
        return Binaries(directory: directory, version: version.trimmingCharacters(in: .whitespacesAndNewlines), majorVersion: major)
    }

    private static func binariesNotFound(searched: [String], override: Bool) -> EmbeddedPostgresError {
        let message = override
            ? """
                在指定目录 \(searched[0]) 中未找到 PostgreSQL 服务器程序(initdb、pg_ctl、postgres)。\
                请检查配置,或安装:apt-get install postgresql \
                (PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in the configured \
                directory \(searched[0]); fix the setting or install the Debian package 'postgresql'.)
                """
            : """
                未找到 PostgreSQL 服务器程序(initdb、pg_ctl、postgres)。请安装:apt-get install postgresql \
                (PostgreSQL server binaries not found; install the Debian package 'postgresql' \
                with 'apt-get install postgresql', or configure a database URL instead.)
                """
        return EmbeddedPostgresError(
            code: .binariesNotFound, message: message,
            context: [("searched", searched.isEmpty ? "(nothing to search)" : searched.joined(separator: ", "))]
        )
    }
}
