import Foundation

/// Runs `scripts/webhook-test-receiver.py` as a subprocess for one test: a real HTTP(S) server that
/// records every request and verifies signatures with independent Python implementations.
public final class WebhookTestReceiver: @unchecked Sendable {
    /// One request as the receiver recorded it.
    public struct Request: Decodable {
        public var method: String
        public var path: String
        public var query: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: String
        /// The status the receiver answered.
        public var status: Int
        /// One verdict per configured secret that applied; empty when nothing was checked.
        public var verified: [Bool]
        public var detail: String
        /// The client's port: two requests with the same port came over one kept-alive connection.
        public var peerPort: Int

        enum CodingKeys: String, CodingKey {
            case method, path, query, headers, body, status, verified, detail
            case peerPort = "peer_port"
        }

        /// The body parsed as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw StartError(description: "the body is not a JSON object: \(body)")
            }
            return object
        }
    }

    /// Why the receiver could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    /// `http://127.0.0.1:<port>` or, with TLS, `https://localhost:<port>` (the certificate names both).
    public let baseURL: String
    /// The throw-away CA's PEM file when serving HTTPS.
    public let caFile: String?
    private let process: Process
    private let directory: URL

    /// Whether `python3` is on the PATH; integration tests are skipped without it, and only then.
    public static let pythonAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "--version"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// The script, found from this file's place in the repository.
    public static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/webhook-test-receiver.py")

    /// Starts a receiver and waits for its ready line off the cooperative pool (see ``offCooperativePool(_:)``).
    public static func start(
        webhookSecrets: [String] = [], dingTalkSecret: String? = nil, feishuSecret: String? = nil, tls: Bool = false
    ) async throws -> WebhookTestReceiver {
        try await offCooperativePool {
            try WebhookTestReceiver(webhookSecrets: webhookSecrets, dingTalkSecret: dingTalkSecret, feishuSecret: feishuSecret, tls: tls)
        }
    }

    /// Starts a receiver and waits for its ready line.
    init(webhookSecrets: [String] = [], dingTalkSecret: String? = nil, feishuSecret: String? = nil, tls: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-webhook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [Self.script.path, "--port", "0", "--record", directory.appendingPathComponent("requests.jsonl").path]
        arguments += webhookSecrets.flatMap { ["--webhook-secret", $0] }
        if let dingTalkSecret { arguments += ["--dingtalk-secret", dingTalkSecret] }
        if let feishuSecret { arguments += ["--feishu-secret", feishuSecret] }
        if tls { arguments += ["--tls-cert-dir", directory.appendingPathComponent("certs").path] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        // The ready line, e.g. `READY port=40123 scheme=https ca=/tmp/…/ca.pem`; EOF means the script failed.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw StartError(description: "webhook-test-receiver.py exited \(process.terminationStatus): \(message)")
            }
            line += chunk
        }
        var fields: [String: String] = [:]
        for field in String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace) {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let port = fields["port"].flatMap(Int.init) else {
            process.terminate()
            throw StartError(description: "unexpected ready line: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
        self.caFile = fields["ca"]
        self.baseURL = tls ? "https://localhost:\(port)" : "http://127.0.0.1:\(port)"
    }

    /// Everything received so far, in order.
    public func requests() throws -> [Request] {
        let data = (try? Data(contentsOf: directory.appendingPathComponent("requests.jsonl"))) ?? Data()
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Request.self, from: Data($0)) }
    }

    /// Stops the server and removes its files; idempotent.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit {
        stop()
    }
}
