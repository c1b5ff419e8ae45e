#if canImport(Glibc)
import Glibc
#endif
import DixianDaemon
import DixianLinks
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// A real `dixian serve` on a fresh database holding ``ScheduleTestPlan``, with the duty API on, no
/// planning and no sending (so nothing but requests can change the database), and extra `http:` keys.
struct HTTPFixture: Sendable {
    static let token = "test-token-0123456789abcdef"

    let address: String
    let endpoint: DatabaseEndpoint
    let plan: ScheduleTestPlan
    let links: ActionLinks
    let daemon: DaemonProcess

    /// Starts the daemon with `http` (YAML lines indented under `http:`), runs `body`, stops it.
    static func with(http: [String] = [], _ body: @escaping @Sendable (HTTPFixture) async throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (plan, links) = try await TestDatabase.withClient(endpoint) { client in
                let plan = try await ScheduleTestPlan.install(client: client)
                let links = try await ActionLinks.make(
                    Configuration.Links(), store: ScheduleStore(client: client, logger: TestDatabase.logger))
                return (plan, links)
            }
            let work = try makeWorkDirectory("http")
            try (Self.token + "\n").write(toFile: work + "/api-token", atomically: true, encoding: .utf8)
            var yaml = "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  enabled: false\nnotify:\n  enabled: false\n"
            yaml += "api:\n  token_file: \(work)/api-token\n"
            if !http.isEmpty { yaml += "http:\n" + http.map { "  \($0)\n" }.joined() }
            try yaml.write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(
                ["serve", "--config", work + "/dixian.yaml", "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description], logPath: work + "/daemon.log")
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            try await body(HTTPFixture(address: address, endpoint: endpoint, plan: plan, links: links, daemon: daemon))
            daemon.send(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(60))
        }
    }

    /// The path of a valid confirmation link for `occurrenceID` (the plan's open one by default).
    func confirmPath(_ occurrenceID: Int64? = nil) throws -> String {
        let url = try self.links.confirmURL(occurrenceID: occurrenceID ?? self.plan.openID, officialID: self.plan.cadreID, now: Date())
        return String(url.dropFirst(self.links.baseURL.count))
    }

    /// A request as bytes: `headers` in order, `Host` and `Connection: close` added, `Content-Length` for a body
    /// unless `contentLength` overrides it (nil body and nil length: no header).
    static func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil, contentLength: Int? = nil
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let length = contentLength ?? body?.count { head += "Content-Length: \(length)\r\n" }
        return Array(head.utf8) + [13, 10] + (body ?? [])
    }

    /// The bearer header of the API.
    static var bearer: (String, String) { ("Authorization", "Bearer \(Self.token)") }

    /// Sends `request` on its own connection and reads the answer. The wait is long because an import answers only
    /// after screening its rules, which under the whole suite's load on a CI machine once took over 10 seconds.
    func send(_ request: [UInt8], shutdown: Bool = false) throws -> RawHTTPResponse {
        try #require(
            try RawHTTPConnection.exchange(self.address, request, shutdown: shutdown, timeout: .seconds(60)),
            "no answer; log:\n\(self.daemon.excerpt)"
        )
    }
}
