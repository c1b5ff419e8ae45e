#if canImport(Glibc)
import Glibc
#endif
import DixianScheduling
import DixianStore
import DixianTestSupport
import DixianWeb
import Foundation
import Testing

/// The duty API of a real `dixian serve` on a fresh database with ``ScheduleTestPlan``.
@Suite("The duty HTTP API, end to end")
struct DutyAPITests {
    static let token = "test-token-0123456789abcdef"

    /// A running daemon and how to call it.
    struct Server: Sendable {
        let address: String

        func call(_ method: String, _ path: String, token: String? = DutyAPITests.token, body: String? = nil) async throws -> HTTPAnswer {
            let headers = token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
            return try #require(await HTTPProbe.send(method, self.address, path, headers: headers, body: body))
        }

        func record(_ answer: HTTPAnswer) throws -> OccurrenceRecord {
            try Self.decoder.decode(OccurrenceRecord.self, from: Data(answer.body.utf8))
        }

        func records(_ answer: HTTPAnswer) throws -> [OccurrenceRecord] {
            try Self.decoder.decode([OccurrenceRecord].self, from: Data(answer.body.utf8))
        }

        /// The `error.code` of an error answer.
        func errorCode(_ answer: HTTPAnswer) -> String? {
            let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            return (object?["error"] as? [String: Any])?["code"] as? String
        }

        static var decoder: JSONDecoder {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return decoder
        }
    }

    /// Starts `dixian serve` on a fresh database holding the plan; with `token`, the API is on
    /// (the token read from a file, as systemd's LoadCredential= hands it over).
    static func withServer(
        token: String? = Self.token, _ body: @escaping @Sendable (Server, ScheduleTestPlan) async throws -> Void
    ) async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in
                try await ScheduleTestPlan.install(client: client)
            }
            let work = try makeWorkDirectory("duty-api")
            var yaml = "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  enabled: false\n"
            if let token {
                try (token + "\n").write(toFile: work + "/api-token", atomically: true, encoding: .utf8)
                yaml += "api:\n  token_file: \(work)/api-token\n"
            }
            try yaml.write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(
                ["serve", "--config", work + "/dixian.yaml", "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description], logPath: work + "/daemon.log")
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            try await body(Server(address: address), plan)
            #expect(!daemon.log.contains(Self.token), "the token must never be logged")
            daemon.send(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("no token or a wrong one is 401 with WWW-Authenticate: Bearer; health stays open")
    func unauthorized() async throws {
        try await Self.withServer { server, plan in
            for token in [nil, "wrong-token-0123456789abcdef", String(Self.token.dropLast()), Self.token + "x"] {
                let answer = try await server.call("GET", "/api/v1/occurrences", token: token)
                #expect(answer.status == 401, "token \(token ?? "none")")
                #expect(answer.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
                #expect(server.errorCode(answer) == "unauthorized")
            }
            let post = try await server.call("POST", "/api/v1/occurrences/\(plan.openID)/done", token: nil, body: #"{"by":"x"}"#)
            #expect(post.status == 401)
            let basic = try #require(await HTTPProbe.send(
                "GET", server.address, "/api/v1/occurrences", headers: ["Authorization": "Basic \(Self.token)"]))
            #expect(basic.status == 401)
            #expect(await HTTPProbe.get(server.address, "/healthz")?.status == 200)
        }
    }

    @Test("without a configured token the API is off: 404")
    func disabled() async throws {
        try await Self.withServer(token: nil) { server, _ in
            let answer = try await server.call("GET", "/api/v1/occurrences")
            #expect(answer.status == 404)
            #expect(server.errorCode(answer) == "api_disabled")
            #expect(await HTTPProbe.get(server.address, "/healthz")?.status == 200)
        }
    }

    @Test("list with filters, show one, 400 on bad parameters, 404 on an unknown id")
    func listAndShow() async throws {
        try await Self.withServer { server, plan in
            let all = try server.records(try await server.call("GET", "/api/v1/occurrences"))
            #expect(all.count == 4)
            let overdue = try server.records(try await server.call("GET", "/api/v1/occurrences?status=overdue"))
            #expect(overdue.map(\.id) == [plan.overdueID])
            let town = try server.records(try await server.call("GET", "/api/v1/occurrences?org=\(plan.otherTown.rawValue)&limit=10"))
            #expect(town.map(\.id) == [plan.otherTownID])
            let duty = try server.records(try await server.call("GET", "/api/v1/occurrences?duty=test.visits&limit=2"))
            #expect(duty.count == 2)

            let one = try await server.call("GET", "/api/v1/occurrences/\(plan.openID)")
            #expect(one.status == 200)
            #expect(one.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(one.body.contains(#""duty_id":"test.visits""#))
            #expect(try server.record(one).status == .open)

            for query in ["status=late", "org=123", "limit=0", "limit=x", "colour=red"] {
                let bad = try await server.call("GET", "/api/v1/occurrences?\(query)")
                #expect(bad.status == 400, "\(query)")
            }
            #expect(try await server.call("GET", "/api/v1/occurrences/abc").status == 400)
            let missing = try await server.call("GET", "/api/v1/occurrences/999999")
            #expect(missing.status == 404)
            #expect(server.errorCode(missing) == "occurrence_not_found")
        }
    }

    @Test("done records count, note and official; a second done is 409; an unknown official is 422")
    func done() async throws {
        try await Self.withServer { server, plan in
            let path = "/api/v1/occurrences/\(plan.openID)/done"
            let stranger = try await server.call("POST", path, body: #"{"count": 3, "by": "NOBODY-9"}"#)
            #expect(stranger.status == 422)
            #expect(server.errorCode(stranger) == "unknown_official")

            let answer = try await server.call("POST", path, body: #"{"count": 12.5, "note": "已走访", "by": "\#(plan.cadreID)"}"#)
            #expect(answer.status == 200, "\(answer.body)")
            let record = try server.record(answer)
            #expect(record.status == .done)
            #expect(record.achieved == Decimal(string: "12.5"))
            #expect(record.targetMet == true)
            #expect(record.note == "已走访")
            #expect(record.completedBy == plan.cadreID)
            #expect(record.completionChannel == .http)

            let again = try await server.call("POST", path, body: #"{"by": "\#(plan.cadreID)"}"#)
            #expect(again.status == 409)
            #expect(server.errorCode(again) == "occurrence_closed")
            let message = try #require(again.body.range(of: "已完成"))
            #expect(!message.isEmpty)

            let early = try await server.call("POST", "/api/v1/occurrences/\(plan.notYetOpenID)/done", body: #"{"by": "\#(plan.cadreID)"}"#)
            #expect(early.status == 409)
            #expect(server.errorCode(early) == "occurrence_not_open")
            let unknown = try await server.call("POST", "/api/v1/occurrences/999999/done", body: #"{"by": "\#(plan.cadreID)"}"#)
            #expect(unknown.status == 404)
        }
    }

    @Test("bad bodies are 400 and change nothing; an oversized body is 413")
    func badBodies() async throws {
        try await Self.withServer { server, plan in
            let path = "/api/v1/occurrences/\(plan.overdueID)/done"
            let bodies = [
                "{not json", "", "[]", #"{"count": 1}"#, #"{"by": ""}"#, #"{"by": 7}"#,
                #"{"count": -1, "by": "\#(plan.cadreID)"}"#, #"{"count": "many", "by": "\#(plan.cadreID)"}"#,
                #"{"cuont": 1, "by": "\#(plan.cadreID)"}"#,
            ]
            for body in bodies {
                let answer = try await server.call("POST", path, body: body)
                #expect(answer.status == 400, "\(body): \(answer.status) \(answer.body)")
                #expect(answer.body.contains(#""error""#))
            }
            let huge = #"{"by": "\#(plan.cadreID)", "note": ""# + String(repeating: "x", count: 40_000) + #""}"#
            #expect(try await server.call("POST", path, body: huge).status == 413)
            let record = try server.record(try await server.call("GET", "/api/v1/occurrences/\(plan.overdueID)"))
            #expect(record.status == .overdue)
        }
    }

    @Test("waive needs a reason and a known official; then done is 409")
    func waive() async throws {
        try await Self.withServer { server, plan in
            let path = "/api/v1/occurrences/\(plan.otherTownID)/waive"
            #expect(try await server.call("POST", path, body: #"{"reason": " ", "by": "\#(plan.cadreID)"}"#).status == 400)
            #expect(try await server.call("POST", path, body: #"{"by": "\#(plan.cadreID)"}"#).status == 400)
            #expect(try await server.call("POST", path, body: #"{"reason": "撤并", "by": "NOBODY-9"}"#).status == 422)

            let answer = try await server.call("POST", path, body: #"{"reason": "该村已撤并", "by": "\#(plan.cadreID)"}"#)
            #expect(answer.status == 200, "\(answer.body)")
            let record = try server.record(answer)
            #expect(record.status == .waived)
            #expect(record.note == "该村已撤并")
            #expect(record.completionChannel == .http)

            let done = try await server.call("POST", "/api/v1/occurrences/\(plan.otherTownID)/done", body: #"{"by": "\#(plan.cadreID)"}"#)
            #expect(done.status == 409)
            let waived = try server.records(try await server.call("GET", "/api/v1/occurrences?status=waived"))
            #expect(waived.map(\.id) == [plan.otherTownID])
        }
    }
}
