import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// `/api/v1/plugins/{id}/override…` on a real daemon with the operator's token: submit (a text that does not load
/// is refused whole with its line and column), read, compare, approve (the daemon reloads), reject; the store's
/// refusals as 403.
@Suite("Stored override API, end to end", .serialized)
struct PluginOverrideAPITests {
    static func json(_ pairs: [String: String]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: pairs)) ?? Data())
    }

    static func object(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("out of range is 422 at its line; a valid text is 201 pending; approval reloads the daemon; refusals are 403")
    func submitApproveReject() async throws {
        try await HTTPFixture.with { http in
            let base = "/api/v1/plugins/education/override"
            func post(_ path: String, _ body: [String: String], bearer: Bool = true) throws -> RawHTTPResponse {
                try http.send(HTTPFixture.request(
                    "POST", base + path, headers: (bearer ? [HTTPFixture.bearer] : []) + [("Content-Type", "application/json")], body: Self.json(body)))
            }
            func get(_ path: String) throws -> RawHTTPResponse {
                try http.send(HTTPFixture.request("GET", base + path, headers: [HTTPFixture.bearer]))
            }
            #expect(try post("/versions", ["body": "format_version: 1\n", "by": "LC00010"], bearer: false).status == 401)
            let invalid = try post("/versions", ["body": StoredOverrideTests.outOfRange, "by": "LC00010"])
            #expect(invalid.status == 422, "\(invalid.body)")
            let problems = (Self.object(invalid.body)["error"] as? [String: Any])?["problems"] as? [[String: Any]]
            #expect(problems?.first?["line"] as? Int == 3 && problems?.first?["file"] == nil, "\(invalid.body)")
            let none = Self.object(try get("").body)["versions"] as? [Any]
            #expect(none != nil && none?.isEmpty == true, "nothing stored")

            let foreign = try post("/versions", ["body": StoredOverrideTests.valid, "by": "LC00012"])
            #expect(foreign.status == 403 && foreign.body.contains("override_refused"), "\(foreign.body)")
            let created = try post("/versions", ["body": StoredOverrideTests.valid, "by": "LC00010"])
            #expect(created.status == 201 && Self.object(created.body)["state"] as? String == "pending", "\(created.body)")
            #expect(try post("/versions", ["body": "x", "by": "LC00010", "colour": "red"]).status == 400, "unknown fields are refused")

            let own = try post("/versions/1/approve", ["by": "LC00010"])
            #expect(own.status == 403, "a bureau does not approve: \(own.body)")
            let approved = try post("/versions/1/approve", ["by": "LC00005", "comment": "同意"])
            #expect(approved.status == 200 && Self.object(approved.body)["state"] as? String == "approved", "\(approved.body)")
            #expect(await http.daemon.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)), "\(http.daemon.excerpt)")
            let overview = Self.object(try get("").body)
            #expect(overview["running_version"] as? Int == 1)
            #expect(try post("/versions/1/reject", ["by": "LC00005"]).status == 403, "only a pending version is decided")
            #expect(try post("/versions/9/approve", ["by": "LC00005"]).status == 404)

            _ = try post("/versions", ["body": StoredOverrideTests.valid.replacingOccurrences(of: ": 3", with: ": 4"), "by": "LC00010"])
            let rejected = try post("/versions/2/reject", ["by": "LC00005", "comment": "暂缓"])
            #expect(Self.object(rejected.body)["state"] as? String == "rejected" && Self.object(rejected.body)["comment"] as? String == "暂缓")
            let diff = Self.object(try get("/diff?from=1&to=2").body)["lines"] as? String
            #expect(diff?.contains("-  send_teaching_visits_per_month: 3\n+  send_teaching_visits_per_month: 4") == true, "\(diff ?? "")")
            let second = Self.object(try get("/versions/2").body)
            #expect(second["body"] as? String == StoredOverrideTests.valid.replacingOccurrences(of: ": 3", with: ": 4"))
            #expect(try get("/versions/7").status == 404)
            #expect(try http.send(HTTPFixture.request("GET", "/api/v1/plugins/nonexistent/override", headers: [HTTPFixture.bearer])).status == 404)
        }
    }
}
