import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// `POST /api/v1/datasets/{plugin}/{dataset}/imports` and `GET /api/v1/alerts` on a real daemon: a bureau's
/// system pushes its file, a bad one is refused whole with every bad row, alerts come back masked.
@Suite("Data API, end to end", .serialized)
struct DataAPITests {
    static func rows(_ count: Int) throws -> [String] {
        let text = try String(contentsOfFile: DixianBinary.packageRoot + "/config/demo/data/education.student_roll.csv", encoding: .utf8)
        return Array(text.components(separatedBy: "\r\n").prefix(count + 1))
    }

    func imports(_ endpoint: DatabaseEndpoint) async throws -> Int {
        try await TestDatabase.withClient(endpoint) { client in
            for try await count in try await client.query("SELECT count(*)::int8 FROM data_imports").decode(Int64.self) {
                return Int(count)
            }
            return -1
        }
    }

    @Test("a pushed file is imported and screened; a bad one is refused with its rows; alerts are listed masked")
    func pushAndList() async throws {
        try await HTTPFixture.with { http in
            let path = "/api/v1/datasets/education/student_roll/imports?period=2026-06"
            let good = Array(try Self.rows(300).joined(separator: "\r\n").utf8)
            let anonymous = try http.send(HTTPFixture.request("POST", path, body: good))
            #expect(anonymous.status == 401)

            let answer = try http.send(HTTPFixture.request("POST", path, headers: [HTTPFixture.bearer], body: good))
            #expect(answer.status == 200, "\(answer.body)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
            #expect(report["applied"] as? Bool == true && report["rowsValid"] as? Int == 300, "\(report)")
            #expect((report["screening"] as? [Any])?.isEmpty == false)
            #expect(try await imports(http.endpoint) == 1)

            var bad = try Self.rows(20)
            var cells = bad[4].components(separatedBy: ",")
            cells[5] = "也许"
            bad[4] = cells.joined(separator: ",")
            let refused = try http.send(HTTPFixture.request(
                "POST", path, headers: [HTTPFixture.bearer], body: Array(bad.joined(separator: "\r\n").utf8)))
            #expect(refused.status == 422, "\(refused.body)")
            #expect(refused.body.contains("第5行"), "\(refused.body)")
            #expect(try await imports(http.endpoint) == 1, "a refused file writes nothing")

            let unknown = try http.send(HTTPFixture.request(
                "POST", "/api/v1/datasets/education/no_such/imports", headers: [HTTPFixture.bearer], body: good))
            #expect(unknown.status == 404, "\(unknown.body)")

            let list = try http.send(HTTPFixture.request("GET", "/api/v1/alerts?status=open&limit=50", headers: [HTTPFixture.bearer]))
            #expect(list.status == 200)
            let alerts = try #require(try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [[String: Any]])
            #expect(!alerts.isEmpty)
            #expect(list.body.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "no ID number in full")
            let id = try #require(alerts.first?["id"] as? Int)
            let one = try http.send(HTTPFixture.request("GET", "/api/v1/alerts/\(id)", headers: [HTTPFixture.bearer]))
            #expect(one.status == 200 && one.body.contains("YJ"), "\(one.body)")
            let missing = try http.send(HTTPFixture.request("GET", "/api/v1/alerts/999999", headers: [HTTPFixture.bearer]))
            #expect(missing.status == 404)
            let badQuery = try http.send(HTTPFixture.request("GET", "/api/v1/alerts?colour=red", headers: [HTTPFixture.bearer]))
            #expect(badQuery.status == 400)
        }
    }
}
