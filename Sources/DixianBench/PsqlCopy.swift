import DixianStore
import Foundation

/// `psql \copy` of a file into a table: the baseline the benches' writes are measured against, run as the
/// separate process an engineer would run, so its figure includes psql's own start and connection.
struct PsqlCopy {
    let endpoint: DatabaseEndpoint

    /// libpq's connection string for `endpoint` (its password goes through the environment, never argv).
    var connectionString: String {
        var parts: [String]
        switch endpoint.transport {
        case .unixSocket(let directory, let port): parts = ["host=\(directory)", "port=\(port)"]
        case .tcp(let host, let port): parts = ["host=\(host)", "port=\(port)"]
        }
        parts += ["user=\(endpoint.username)", "dbname=\(endpoint.database)"]
        switch endpoint.tls {
        case .disable: parts.append("sslmode=disable")
        case .prefer: parts.append("sslmode=prefer")
        case .require: parts.append("sslmode=require")
        case .verifyCA(let root): parts += ["sslmode=verify-ca"] + (root.map { ["sslrootcert=\($0)"] } ?? [])
        case .verifyFull(let root): parts += ["sslmode=verify-full"] + (root.map { ["sslrootcert=\($0)"] } ?? [])
        }
        return parts.map { part in
            let (key, value) = (part.prefix { $0 != "=" }, part.drop { $0 != "=" }.dropFirst())
            return "\(key)='" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }.joined(separator: " ")
    }

    /// Runs `\copy table FROM 'file' (FORMAT csv, HEADER)`; returns the wall time from start to exit.
    func copy(file: String, into table: String) throws -> Duration {
        try run("\\copy \(table) FROM '\(Self.quoted(file))' WITH (FORMAT csv, HEADER true)")
    }

    /// Runs `\copy table (columns) FROM 'file'` in COPY's text format; returns the wall time from start to exit.
    func copy(textFile file: String, into table: String, columns: [String]) throws -> Duration {
        try run("\\copy \(table) (\(columns.joined(separator: ", "))) FROM '\(Self.quoted(file))'")
    }

    /// Runs `\copy (query) TO 'file'` in COPY's text format.
    func export(_ query: String, to file: String) throws {
        _ = try run("\\copy (\(query)) TO '\(Self.quoted(file))'")
    }

    /// Runs one psql command (`-c`), stopping at its first error; returns the wall time from start to exit.
    @discardableResult
    func run(_ command: String) throws -> Duration {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connectionString, "-c", command]
        var environment = ProcessInfo.processInfo.environment
        if let password = endpoint.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        do {
            try process.run()
        } catch {
            throw BenchmarkError(message: "无法启动 psql (cannot start psql; is it on PATH?): \(error)")
        }
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(message: "psql 失败 (failed): " + String(decoding: errorText, as: UTF8.self))
        }
        return elapsed
    }

    static func quoted(_ file: String) -> String {
        file.replacingOccurrences(of: "'", with: "''")
    }
}

/// The bench cannot go on: psql could not be started or its copy failed, or the generated data was refused.
struct BenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
