#if canImport(Glibc)
import Glibc
#endif
import DixianTestSupport
import Foundation
import Testing

/// The reproducers of issue 18's adversarial pass against the HTTP edge, each with the status and message
/// it must now give, and the server-side timeouts and connection limit over loopback.
@Suite("HTTP edge hardening, end to end")
struct HTTPHardeningTests {
    /// Text that must never reach a client: the database's own error text.
    static let internalText = ["SQLSTATE", "invalid byte sequence", "PSQLError", "connection refused", "Connection refused"]

    static func expectNoInternalText(_ answer: RawHTTPResponse, _ comment: Comment? = nil) {
        for text in Self.internalText {
            #expect(!answer.body.contains(text), "\(text) in \(answer.body) \(comment?.rawValue ?? "")")
        }
    }

    @Test("the reproducers: NUL, a long Chinese note, a forged token with a huge body, oversize, truncated, wrong methods")
    func reproducers() async throws {
        try await HTTPFixture.with { server in
            let before = try await DatabaseDump.text(of: server.endpoint)

            // A NUL byte in a query parameter: 400 before the database, not 503 with PostgreSQL's text.
            let nulQuery = try server.send(HTTPFixture.request("GET", "/api/v1/occurrences?duty=%00", headers: [HTTPFixture.bearer]))
            #expect(nulQuery.status == 400)
            #expect(nulQuery.body.contains(#""code":"invalid_target""#))
            #expect(nulQuery.body.contains("NUL"))
            Self.expectNoInternalText(nulQuery)

            // A NUL in a JSON field.
            let nulJSON = try server.send(HTTPFixture.request(
                "POST", "/api/v1/occurrences/\(server.plan.openID)/done", headers: [HTTPFixture.bearer],
                body: Array(#"{"by": "\u0000x"}"#.utf8)))
            #expect(nulJSON.status == 400)
            #expect(nulJSON.body.contains(#""code":"invalid_text""#))
            #expect(nulJSON.body.contains("字段 by 含有 NUL 字符"))
            Self.expectNoInternalText(nulJSON)

            // A forged link with a 10 MB Content-Length and no body sent: refused on its signature, unread.
            var forged = Array(try server.confirmPath())
            forged[forged.count - 3] = forged[forged.count - 3] == "A" ? "B" : "A"
            let forgedBig = try server.send(HTTPFixture.request(
                "POST", String(forged), headers: [("Content-Type", "application/x-www-form-urlencoded")], contentLength: 10_000_000))
            #expect(forgedBig.status == 403)
            #expect(forgedBig.body.contains("链接无效"))

            // Over the form's limit (64 KiB): 413 from Content-Length, before anything is read.
            let link = try server.confirmPath()
            let huge = try server.send(HTTPFixture.request("POST", link, contentLength: 70_000))
            #expect(huge.status == 413)
            #expect(huge.body.contains("请求体超过 64 KiB"))
            // Over the API's limit (32 KiB), sent in full.
            let bigJSON = try server.send(HTTPFixture.request(
                "POST", "/api/v1/occurrences/\(server.plan.openID)/done", headers: [HTTPFixture.bearer],
                body: Array(#"{"by": "\#(String(repeating: "x", count: 40_000))"}"#.utf8)))
            #expect(bigJSON.status == 413)
            #expect(bigJSON.body.contains(#""code":"body_too_large""#))
            #expect(bigJSON.body.contains("请求体超过 32 KiB"))

            // A body cut short (the client half-closes after 20 of 100 bytes): 400, not 500.
            let truncated = try server.send(
                Array(HTTPFixture.request(
                    "POST", "/api/v1/occurrences/\(server.plan.openID)/done", headers: [HTTPFixture.bearer], contentLength: 100)
                    + Array(#"{"by": "abcdefghijk"#.utf8)),
                shutdown: true)
            #expect(truncated.status == 400)
            #expect(truncated.body.contains(#""code":"truncated_body""#))
            #expect(truncated.body.contains("请求体不完整"))
            let truncatedForm = try server.send(
                HTTPFixture.request("POST", link, contentLength: 100) + Array("achieved=1".utf8), shutdown: true)
            #expect(truncatedForm.status == 400)
            #expect(truncatedForm.body.contains("请求体不完整"))

            // Wrong methods: 405 with Allow, JSON under /api; unknown paths 404, JSON under /api.
            let delete = try server.send(HTTPFixture.request("DELETE", "/api/v1/occurrences/\(server.plan.openID)", headers: [HTTPFixture.bearer]))
            #expect(delete.status == 405)
            #expect(delete.headers["allow"] == "GET, HEAD")
            #expect(delete.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(delete.body.contains(#""code":"method_not_allowed""#))
            let put = try server.send(HTTPFixture.request("PUT", "/healthz"))
            #expect(put.status == 405)
            #expect(put.headers["allow"] == "GET, HEAD")
            #expect(put.body.contains("不支持该请求方法"))
            let getDone = try server.send(HTTPFixture.request("GET", "/api/v1/occurrences/1/done", headers: [HTTPFixture.bearer]))
            #expect(getDone.status == 405)
            #expect(getDone.headers["allow"] == "POST")
            let nowhere = try server.send(HTTPFixture.request("GET", "/api/v1/nowhere", headers: [HTTPFixture.bearer]))
            #expect(nowhere.status == 404)
            #expect(nowhere.body.contains(#""code":"not_found""#))
            let nowherePage = try server.send(HTTPFixture.request("GET", "/nowhere"))
            #expect(nowherePage.status == 404)
            #expect(nowherePage.body.contains("没有这个地址"))

            #expect(try await DatabaseDump.text(of: server.endpoint) == before, "a refused request changed the database")

            // A note of 2,000 Chinese characters, which the form's maxlength allows (~18 KB encoded): accepted.
            let note = String(repeating: "已", count: 2000).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let body = Array("achieved=12&note=\(note)".utf8)
            print("2,000-character note: \(body.count) bytes urlencoded")
            let long = try server.send(HTTPFixture.request(
                "POST", link, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body))
            #expect(long.status == 200, "\(long.body.prefix(500))")
            #expect(long.body.contains("已确认完成"))
        }
    }

    @Test("a slow client is cut off by the header and body timeouts; 300 half-sent requests are closed; idle keep-alive ends")
    func slowClients() async throws {
        try await HTTPFixture.with(http: ["header_timeout: 1s", "body_timeout: 1s", "idle_timeout: 5s"]) { server in
            // A kept-alive connection: two requests answered, then closed once idle for idle_timeout.
            let keptAlive = try RawHTTPConnection(server.address)
            for _ in 0..<2 {
                keptAlive.send("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
                let (bytes, closed) = keptAlive.read(timeout: .seconds(30), untilResponse: true)
                #expect(RawHTTPResponse(bytes)?.status == 200)
                #expect(!closed)
            }
            let idleStart = ContinuousClock.now
            #expect(keptAlive.read(timeout: .seconds(60)).closed, "an idle kept-alive connection is closed")
            print("idle kept-alive connection closed after \(ContinuousClock.now - idleStart)")

            // A head trickled one byte every 300 ms: closed by the header timeout, without an answer.
            let trickle = try RawHTTPConnection(server.address)
            let start = ContinuousClock.now
            trickle.send("GET /healthz HTTP/1.1\r\n")
            var closed = false
            for byte in "X-Slow: 1234567890123456789012345678901234567890".utf8 {
                try await Task.sleep(for: .milliseconds(300))
                if trickle.isClosedByPeer || !trickle.send([byte]) {
                    closed = true
                    break
                }
            }
            let (answer, closedAfter) = trickle.read(timeout: .seconds(30))
            #expect(closed || closedAfter, "the trickling connection must be closed")
            #expect(answer.isEmpty, "no answer to an incomplete head")
            print("trickled head closed after \(ContinuousClock.now - start)")

            // A body of 100 bytes of which 10 arrive: closed by the body timeout.
            let slowBody = try RawHTTPConnection(server.address)
            slowBody.send(HTTPFixture.request(
                "POST", "/api/v1/occurrences/\(server.plan.openID)/done", headers: [HTTPFixture.bearer], contentLength: 100)
                + Array("{\"by\": \"ab".utf8))
            #expect(slowBody.read(timeout: .seconds(60)).closed, "the slow body must be cut off")

            // 300 half-sent requests: all closed once the header timeout passes.
            let halfSent = try (0..<300).map { _ in try RawHTTPConnection(server.address) }
            for connection in halfSent { connection.send("GET /healthz HTTP/1.1\r\nHost: test\r\n") }
            let allClosed = await poll(timeout: .seconds(60)) { halfSent.allSatisfy { $0.isClosedByPeer } }
            #expect(allClosed, "\(halfSent.filter { !$0.isClosedByPeer }.count) of 300 half-sent requests still open")
            #expect(await HTTPProbe.get(server.address, "/healthz")?.status == 200)
        }
    }

    @Test("with 1,000 idle connections open, /healthz still answers")
    func manyIdleConnections() async throws {
        // The longest header timeout allowed: on a loaded machine the 1,000 connections may take a minute to open.
        try await HTTPFixture.with(http: ["header_timeout: 600s", "max_connections: 2000"]) { server in
            let idle = try (0..<1000).map { _ in try RawHTTPConnection(server.address) }
            for (index, connection) in idle.enumerated() where index % 2 == 0 { connection.send("GET /healthz HTTP/1.1\r\n") }
            let start = ContinuousClock.now
            let answer = await HTTPProbe.get(server.address, "/healthz")
            print("/healthz with 1,000 idle connections: \(ContinuousClock.now - start)")
            #expect(answer?.status == 200)
            let stillOpen = idle.filter { !$0.isClosedByPeer }.count
            #expect(stillOpen == 1000, "idle connections within the cap and timeouts stay open")
        }
    }

    @Test("beyond max_connections, new connections wait until the header timeout frees a slot")
    func connectionCap() async throws {
        try await HTTPFixture.with(http: ["header_timeout: 1s", "max_connections: 4"]) { server in
            let idle = try (0..<4).map { _ in try RawHTTPConnection(server.address) }
            let start = ContinuousClock.now
            let answer = await HTTPProbe.get(server.address, "/healthz")
            print("/healthz behind 4 idle connections at max_connections 4: \(ContinuousClock.now - start)")
            #expect(answer?.status == 200)
            let closed = idle.allSatisfy { $0.isClosedByPeer }
            #expect(closed, "the idle connections holding the slots are closed by the header timeout")
        }
    }

    @Test("while the database is down, every endpoint that needs it answers 503 with Retry-After and an error id")
    func databaseOutage() async throws {
        let work = try makeWorkDirectory("http-outage")
        let state = work + "/var"
        try (HTTPFixture.token + "\n").write(toFile: work + "/api-token", atomically: true, encoding: .utf8)
        let yaml = "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  enabled: false\nnotify:\n  enabled: false\n"
            + "api:\n  token_file: \(work)/api-token\n"
        try yaml.write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            ["serve", "--config", work + "/dixian.yaml", "--state-dir", state, "--listen", "127.0.0.1:0"], logPath: work + "/daemon.log")
        defer { daemon.kill() }
        let address = try #require(await daemon.httpAddress(timeout: .seconds(120)), "log:\n\(daemon.log)")
        let list = HTTPFixture.request("GET", "/api/v1/occurrences", headers: [HTTPFixture.bearer])
        #expect(try RawHTTPConnection.exchange(address, list)?.status == 200)

        // The database goes away underneath the daemon: a fast shutdown of the postmaster. The daemon restarts
        // its embedded server, so a configuration line PostgreSQL refuses keeps it down until the test repairs it
        // (appended in place: the file must stay the server account's).
        let configuration = try FileHandle(forUpdating: URL(fileURLWithPath: state + "/postgres/data/postgresql.conf"))
        let length = try configuration.seekToEnd()
        try configuration.write(contentsOf: Data("\nthis line is not a setting\n".utf8))
        let status = try await CommandResult.run(["db", "status", "--state-dir", state])
        let pid = try #require(status.output.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) })
        #expect(kill(pid, SIGINT) == 0)
        #expect(await poll(timeout: .seconds(30)) { kill(pid, 0) != 0 })

        // Before the readiness monitor notices: the request deadline answers.
        var start = ContinuousClock.now
        let first = try #require(try RawHTTPConnection.exchange(address, list, timeout: .seconds(30)))
        print("first request after the database went away: \(first.status) after \(ContinuousClock.now - start)")
        #expect(first.status == 503)
        #expect(first.headers["retry-after"] == "5")
        #expect(first.body.contains(#""code":"database_unavailable""#))
        #expect(first.body.contains("错误编号"))
        Self.expectNoInternalText(first)
        let id = try #require(first.body.firstMatch(of: /错误编号 ([0-9a-f]{8})/)?.1)
        #expect(await daemon.waitForLog(String(id), timeout: .seconds(30)), "the error id is logged with the details")

        // Once readiness marks the database down, at once.
        #expect(await poll(timeout: .seconds(30)) { await HTTPProbe.get(address, "/readyz")?.status == 503 })
        let requests = [
            list,
            HTTPFixture.request("GET", "/api/v1/occurrences/1", headers: [HTTPFixture.bearer]),
            HTTPFixture.request("POST", "/api/v1/occurrences/1/done", headers: [HTTPFixture.bearer], body: Array(#"{"by": "x"}"#.utf8)),
            HTTPFixture.request("POST", "/api/v1/occurrences/1/waive", headers: [HTTPFixture.bearer], body: Array(#"{"reason": "r", "by": "x"}"#.utf8)),
        ]
        for request in requests {
            start = ContinuousClock.now
            let answer = try #require(try RawHTTPConnection.exchange(address, request))
            print("with the database marked down: \(answer.status) after \(ContinuousClock.now - start)")
            #expect(answer.status == 503)
            #expect(answer.headers["retry-after"] == "5")
            #expect(answer.body.contains("数据库暂时不可用"))
            Self.expectNoInternalText(answer)
        }
        #expect(await HTTPProbe.get(address, "/healthz")?.status == 200)

        // Repaired, the daemon's supervisor brings the server back and the API answers again.
        try configuration.truncate(atOffset: length)
        try configuration.close()
        #expect(await poll(timeout: .seconds(120)) { await HTTPProbe.get(address, "/readyz")?.status == 200 }, "log:\n\(daemon.log)")
        #expect(try RawHTTPConnection.exchange(address, list)?.status == 200)
        #expect(daemon.log.contains("内嵌数据库已停止, 正在重启"))
    }
}
