import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The public poster form through the daemon: a declaration becomes a signal with its clock and a receipt; an
/// oversize body, a flood and a bad form are refused with clear pages and store nothing.
@Suite("Self-declaration form, end to end", .serialized)
struct SelfDeclarationEndToEndTests {
    static func body(name: String = "张三", phone: String = "13800001111", id: String = "", difficulty: String = "因病",
                     description: String = "户主住院，自付费用大") -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return [("name", name), ("phone", phone), ("id_number", id), ("difficulty", difficulty), ("description", description)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test("declare, get a receipt; oversize, flood and bad forms refused; nothing partial stored")
    func declare() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let scene = try await MonitoringScenarioTests.prepared(endpoint, "apply")
            let posters = try await scene.run(["signal", "poster", "--format", "json"], day: 0)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(posters.output.utf8)) as? [[String: Any]], "\(posters.errorOutput)")
            let poster = try #require(list.first)
            let village = try #require(poster["village"] as? String)
            let url = try #require(poster["url"] as? String)
            let path = String(url[try #require(url.range(of: "/apply/")).lowerBound...])

            let daemon = try DaemonProcess(
                ["serve", "--config", scene.config, "--state-dir", scene.work + "/var"], logPath: scene.work + "/serve.log",
                workingDirectory: MonitoringScenarioTests.root)
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            func signals() async throws -> String? { try await scene.value("SELECT count(*)::text FROM monitoring_signals") }

            let page = try #require(await HTTPProbe.send("GET", address, path))
            #expect(page.status == 200 && page.body.contains("农户自主申报") && page.body.contains("因务工就业不稳"))
            #expect(try #require(await HTTPProbe.send("GET", address, "/apply/AAAAAAAAAAAAAAAAAAAAAA")).status == 404)

            let idNumber = "11010519491231002X"
            let accepted = try #require(await HTTPProbe.send("POST", address, path, headers: Self.form, body: Self.body(id: idNumber)))
            #expect(accepted.status == 200, "\(accepted.body)")
            let receipt = try #require(accepted.body.range(of: #"SB\d{8}-[0-9A-Z]{6}"#, options: .regularExpression).map { String(accepted.body[$0]) })
            for personal in ["张三", "13800001111", idNumber, "住院"] { #expect(!accepted.body.contains(personal), "the receipt echoes \(personal)") }
            #expect(try await scene.value("""
                SELECT source || ' ' || channel || ' ' || unit_code || ' ' || risk_types[1] || ' ' || (event_clock_id IS NOT NULL)::text
                  FROM monitoring_signals WHERE receipt = '\(receipt)'
                """) == "self public \(village) illness true")

            let oversize = try #require(await HTTPProbe.send(
                "POST", address, path, headers: Self.form, body: Self.body(description: String(repeating: "难", count: 9000))))
            #expect(oversize.status == 413 && oversize.body.contains("提交的内容过大"), "\(oversize.status) \(oversize.body.prefix(300))")
            let bad = try #require(await HTTPProbe.send("POST", address, path, headers: Self.form, body: Self.body(phone: "12")))
            #expect(bad.status == 400 && bad.body.contains("联系电话位数不对") && !bad.body.contains("张三"))
            #expect(try await signals() == "1", "neither stored anything")

            // Five per address per hour: two were used above, two more are accepted, then 429.
            var statuses: [Int] = []
            for index in 0..<4 {
                let answer = try #require(await HTTPProbe.send("POST", address, path, headers: Self.form, body: Self.body(name: "李\(index)")))
                statuses.append(answer.status)
                if answer.status == 429 {
                    #expect(answer.body.contains("提交过于频繁") && Int(answer.header("Retry-After") ?? "") != nil)
                }
            }
            #expect(statuses == [200, 200, 429, 429], "\(statuses)")
            #expect(try await signals() == "3")
            let listed = try await scene.run(["signal", "list", "--source", "self"], day: 0)
            #expect(listed.output.contains("张*") && !listed.output.contains(idNumber) && !listed.output.contains("张三"), "\(listed.output)")
        }
    }
}
