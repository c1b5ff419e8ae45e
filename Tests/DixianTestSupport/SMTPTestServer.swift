import Foundation

/// A real SMTP server for the tests: `scripts/smtp-test-server.py` (aiosmtpd) in a child process.
///
/// It listens on a free port on 127.0.0.1, writes accepted messages and a log of commands into a
/// temporary directory, and stops when ``stop()`` closes its stdin (or when the test process dies).
public final class SMTPTestServer: @unchecked Sendable {
    public static let python: URL? = PythonInterpreter.url

    public static var isAvailable: Bool { python != nil }

    public static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/smtp-test-server.py")

    /// One throw-away CA and server certificate for the whole run: generating keys is slow.
    public static let certificateDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-smtp-certs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    public let port: Int
    public let directory: URL
    public var caFile: String { Self.certificateDirectory.appendingPathComponent("ca.pem").path }
    private let process: Process
    private let stdin: Pipe

    /// One server entry in `commands.log`.
    public struct Command: Equatable {
        public var session: Int
        public var tls: Bool
        public var verb: String

        public init(session: Int, tls: Bool, verb: String) {
            self.session = session
            self.tls = tls
            self.verb = verb
        }
    }

    /// Starts the server and waits for its READY line off the cooperative pool (see ``offCooperativePool(_:)``).
    public static func start(
        tls: String = "starttls", user: String? = "dixian", password: String? = "s3cret",
        authMechanisms: String = "PLAIN,LOGIN", extraArguments: [String] = []
    ) async throws -> SMTPTestServer {
        try await offCooperativePool {
            try SMTPTestServer(tls: tls, user: user, password: password, authMechanisms: authMechanisms, extraArguments: extraArguments)
        }
    }

    /// Starts the server and waits for its READY line.
    init(tls: String = "starttls", user: String? = "dixian", password: String? = "s3cret",
         authMechanisms: String = "PLAIN,LOGIN", extraArguments: [String] = []) throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        var arguments = [Self.script.path, "--port", "0", "--tls", tls, "--cert-dir", Self.certificateDirectory.path,
                         "--maildir", self.directory.path, "--auth-mechanisms", authMechanisms]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        self.process = Process()
        self.process.executableURL = Self.python ?? URL(fileURLWithPath: "/usr/bin/python3")
        self.process.arguments = arguments + extraArguments
        self.stdin = Pipe()
        let stdout = Pipe()
        self.process.standardInput = self.stdin
        self.process.standardOutput = stdout
        try self.process.run()
        var line: [UInt8] = []
        while !line.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"READY port=\d+"#, options: .regularExpression),
              let port = Int(text[range].dropFirst("READY port=".count))
        else {
            self.process.terminate()
            throw ServerDidNotStart(output: text)
        }
        self.port = port
    }

    public struct ServerDidNotStart: Error { var output: String }

    /// Closes stdin, which makes the server exit, and waits for it.
    public func stop() {
        try? self.stdin.fileHandleForWriting.close()
        self.process.waitUntilExit()
    }

    /// Accepted messages in the order they arrived, with the server's notes (`session`, `tls`, `login`, …).
    public func messages() throws -> [(raw: Data, notes: [String: Any])] {
        var result: [(Data, [String: Any])] = []
        var number = 1
        while true {
            let base = self.directory.appendingPathComponent(String(number))
            guard FileManager.default.fileExists(atPath: base.path + ".eml") else { break }
            let raw = try Data(contentsOf: URL(fileURLWithPath: base.path + ".eml"))
            let notes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base.path + ".json")))
            result.append((raw, notes as? [String: Any] ?? [:]))
            number += 1
        }
        return result
    }

    /// Every command the server received, in order (verbs only).
    public func commands() -> [Command] {
        self.lines(of: "commands.log").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let session = Int(parts[0]) else { return nil }
            return Command(session: session, tls: parts[1] == "1", verb: String(parts[2]))
        }
    }

    /// How many TCP connections the server accepted.
    public var connectionCount: Int { self.lines(of: "connections.log").count }

    private func lines(of name: String) -> [String] {
        let url = self.directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}
